import { create } from 'zustand';
import type { ConnectionReport, ManagerInput, ManagerView, WatchState } from '@shared/models';
import type { Result } from '@shared/result';
import { call, transport } from '@renderer/transport/api';
import { unchanged, unchangedList } from '@renderer/lib/unchanged';

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

/**
 * The watcher's states, each manager's warnings kept as they were while the same: a state changes at
 * every tick (its tick times), and what shows only its warnings need not render again for that.
 */
function keepWatch(before: WatchState[], after: WatchState[]): WatchState[] {
  const warnings = new Map(before.map((w) => [w.managerId, w.warnings]));
  return unchangedList(
    before,
    after.map((w) => ({ ...w, warnings: unchanged(warnings.get(w.managerId) ?? w.warnings, w.warnings) })),
    (w) => w.managerId,
  );
}

/**
 * The configured managers: every page lists them, the managers page changes them. An answer or event
 * that brings nothing new leaves the state as it was: the shell, the overview's cards and the managers
 * page all read it, and the watcher reports every few seconds.
 */
export const useManagers = create<ManagersState>((set, get) => ({
  managers: [],
  loaded: false,
  error: null,
  watch: [],
  async load() {
    const res = await call('managers.list', {});
    if (!res.ok) return set({ loaded: true, error: res.message });
    const managers = unchangedList(get().managers, res.value, (m) => m.id);
    if (managers !== get().managers || !get().loaded || get().error !== null) set({ managers, loaded: true, error: null });
  },
  async loadWatch() {
    const r = await call('watch.states', {});
    if (r.ok) setWatch(r.value);
  },
  test: (id, input) => call('managers.test', { ...(id ? { id } : {}), ...(input ? { input } : {}) }),
  save: (id, input) => (id ? call('managers.update', { id, input }) : call('managers.add', input)),
  remove: (id) => call('managers.remove', { id }),
  removalImpact: (id) => call('managers.removalImpact', { id }),
}));

transport.on('managers.changed', () => void useManagers.getState().load());
function setWatch(states: WatchState[]) {
  useManagers.setState((s) => {
    const watch = keepWatch(s.watch, states);
    return watch === s.watch ? s : { watch };
  });
}

transport.on('watch.changed', setWatch);
