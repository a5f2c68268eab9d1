import { create } from 'zustand';
import type { DashboardView, OutcomeRange } from '../../../../shared/dashboard';
import { call, transport } from '../../transport/api';

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
    set(res.ok ? { view: res.value, error: null, applied: get().applied + 1 } : { error: res.message });
  },
  async refresh() {
    const res = await call('dashboard.refresh', {});
    if (!res.ok) set({ error: res.message });
    await get().load();
  },
}));

/** Re-read the dashboard when what it shows moved: inventory, jobs, the watcher, new failures. */
let pending: ReturnType<typeof setTimeout> | null = null;
let watching = 0;
export function watchDashboard() {
  watching++;
  const reload = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      if (watching > 0) void useDashboard.getState().load();
    }, 300);
  };
  const offs = (['dashboard.changed', 'jobs.changed', 'watch.changed', 'failures.appended'] as const).map((e) => transport.on(e, reload));
  // The data refreshes on its own cadence in the back end; this keeps "updated N s ago" and it in step.
  const timer = setInterval(reload, 30_000);
  return () => {
    watching--;
    clearInterval(timer);
    for (const off of offs) off();
  };
}
