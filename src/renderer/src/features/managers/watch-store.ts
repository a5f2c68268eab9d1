import { create } from 'zustand';
import type { WatchState } from '@shared/models';
import { call, transport } from '@renderer/transport/api';

/** What the background watcher last saw of each manager: reachability, pending jobs, token warnings. */
export const useWatch = create<{ states: WatchState[]; load(): Promise<void> }>((set) => ({
  states: [],
  async load() {
    const r = await call('watch.states', {});
    if (r.ok) set({ states: r.value });
  },
}));

transport.on('watch.changed', (states) => useWatch.setState({ states }));
