import { create } from 'zustand';
import type { ManagerView } from '@shared/models';
import { call, transport } from '@renderer/transport/api';

interface ManagersState {
  managers: ManagerView[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useManagers = create<ManagersState>((set) => ({
  managers: [],
  loaded: false,
  error: null,
  async load() {
    const res = await call('managers.list', {});
    if (res.ok) set({ managers: res.value, loaded: true, error: null });
    else set({ loaded: true, error: res.message });
  },
}));

transport.on('managers.changed', () => void useManagers.getState().load());
