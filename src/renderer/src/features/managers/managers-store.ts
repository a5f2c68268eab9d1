import { create } from 'zustand';
import type { ConnectionReport, ManagerInput, ManagerView, WatchState } from '@shared/models';
import type { Result } from '@shared/result';
import { call, transport } from '@renderer/transport/api';

interface ManagersState {
  managers: ManagerView[];
  loaded: boolean;
  error: string | null;
  /** What the background watcher last saw of each manager: reachability, pending jobs, token warnings. */
  watch: WatchState[];
  load(): Promise<void>;
  loadWatch(): Promise<void>;
  /** Check a saved manager's connection, or (with `input`) the form's before it is saved. */
  test(id: string | null, input?: ManagerInput): Promise<Result<ConnectionReport>>;
  /** Add a manager, or change the one with `id`. */
  save(id: string | null, input: ManagerInput): Promise<Result<ManagerView>>;
  remove(id: string): Promise<Result<{ removed: true }>>;
  /** What removing a manager deletes: the jobs its history keeps on this computer. */
  removalImpact(id: string): Promise<Result<{ keptJobs: number }>>;
}

/** The configured managers: every page lists them, the managers page changes them. */
export const useManagers = create<ManagersState>((set) => ({
  managers: [],
  loaded: false,
  error: null,
  watch: [],
  async load() {
    const res = await call('managers.list', {});
    if (res.ok) set({ managers: res.value, loaded: true, error: null });
    else set({ loaded: true, error: res.message });
  },
  async loadWatch() {
    const r = await call('watch.states', {});
    if (r.ok) set({ watch: r.value });
  },
  test: (id, input) => call('managers.test', { ...(id ? { id } : {}), ...(input ? { input } : {}) }),
  save: (id, input) => (id ? call('managers.update', { id, input }) : call('managers.add', input)),
  remove: (id) => call('managers.remove', { id }),
  removalImpact: (id) => call('managers.removalImpact', { id }),
}));

transport.on('managers.changed', () => void useManagers.getState().load());
transport.on('watch.changed', (watch) => useManagers.setState({ watch }));
