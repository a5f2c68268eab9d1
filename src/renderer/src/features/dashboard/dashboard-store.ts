import { create } from 'zustand';
import type { DashboardView, OutcomeRange } from '@shared/dashboard';
import { call, onEvents } from '@renderer/transport/api';
import { unchanged, unchangedList } from '@renderer/lib/unchanged';

export type ClusterSort = 'manager' | 'failures' | 'name';

export interface ClusterFilter {
  search: string;
  managerIds: string[];
  cannotPreheat: boolean;
  withFailures: boolean;
  sort: ClusterSort;
}

interface DashboardState {
  range: OutcomeRange;
  view: DashboardView | null;
  error: string | null;
  filter: ClusterFilter;
  /** Counts answers applied; tests read it to know the view caught up. */
  applied: number;
  setRange(range: OutcomeRange): void;
  setFilter(patch: Partial<ClusterFilter>): void;
  load(): Promise<void>;
  refresh(): Promise<void>;
}

let seq = 0;

/**
 * The answer, keeping each manager and cluster of the view on screen whose figures did not move: the
 * overview is read again on every event, and each card and row left as it was then skips its render.
 */
function keepUnchanged(before: DashboardView | null, after: DashboardView): DashboardView {
  if (!before || before.range !== after.range) return after;
  const view: DashboardView = {
    ...after,
    managers: unchangedList(before.managers, after.managers, (m) => m.managerId),
    clusters: unchangedList(before.clusters, after.clusters, (t) => `${t.managerId}:${t.id}`),
    series: unchanged(before.series, after.series),
    totals: unchanged(before.totals, after.totals),
  };
  return view.managers === before.managers && view.clusters === before.clusters && view.series === before.series && view.totals === before.totals ? before : view;
}

export const useDashboard = create<DashboardState>((set, get) => ({
  range: '24h',
  view: null,
  error: null,
  filter: { search: '', managerIds: [], cannotPreheat: false, withFailures: false, sort: 'manager' },
  applied: 0,
  setRange(range) {
    set({ range });
    void get().load();
  },
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
  },
  async load() {
    const mine = ++seq;
    const res = await call('dashboard.view', { range: get().range });
    if (mine !== seq) return;
    set(res.ok ? { view: keepUnchanged(get().view, res.value), error: null, applied: get().applied + 1 } : { error: res.message });
  },
  async refresh() {
    const res = await call('dashboard.refresh', {});
    if (!res.ok) set({ error: res.message });
    await get().load();
  },
}));

/**
 * Re-read the overview while it is on screen, when what it shows moved: inventory, jobs, the watcher,
 * new failures; and every 30 s, so "updated N s ago" stays in step with the back end's refreshes. Jobs
 * change many times a second while they load, so those read it at most every 300 ms; the inventory
 * changes a few times a minute, and the end of a refresh ("updating…" gone) shows within 100 ms.
 */
export function watchDashboard() {
  const reload = () => void useDashboard.getState().load();
  const offJobs = onEvents(['jobs.changed', 'watch.changed', 'failures.appended'], 300, reload);
  const offInventory = onEvents(['dashboard.changed'], 100, reload);
  const timer = setInterval(reload, 30_000);
  return () => {
    clearInterval(timer);
    offJobs();
    offInventory();
  };
}
