import { create } from 'zustand';
import type { JobFilter, JobPage, JobRow, ManagerLoadState } from '@shared/models';
import { call, onEvents } from '@renderer/transport/api';

/** Rows fetched around the visible range, so short scrolls need no round trip. */
const MARGIN = 60;

type Filter = Required<JobFilter>;

export const emptyFilter = (): Filter => ({ statuses: [], managerIds: [], clusters: [], kinds: [], search: '' });

interface PreheatsState {
  filter: Filter;
  rows: Map<number, JobRow>;
  total: number;
  sources: ManagerLoadState[];
  clusters: JobPage['clusters'];
  error: string | null;
  /** Set once the first answer arrived; the empty state waits for it. */
  ready: boolean;
  range: [number, number];
  /** Counts answers applied; tests and the benchmark read it to know the list has caught up. */
  applied: number;
  setFilter(patch: Partial<Filter>): void;
  setRange(start: number, end: number): void;
  reload(): Promise<void>;
}

let seq = 0;

export const usePreheats = create<PreheatsState>((set, get) => ({
  filter: emptyFilter(),
  rows: new Map(),
  total: 0,
  sources: [],
  clusters: [],
  error: null,
  ready: false,
  range: [0, 40],
  applied: 0,
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
    void get().reload();
  },
  setRange(start, end) {
    const [s, e] = get().range;
    set({ range: [start, end] });
    const rows = get().rows;
    const missing = (from: number, to: number) => {
      for (let i = from; i < Math.min(to, get().total); i++) if (!rows.has(i)) return true;
      return false;
    };
    if ((start !== s || end !== e) && missing(start, end)) void get().reload();
  },
  async reload() {
    const mine = ++seq;
    const [start, end] = get().range;
    const offset = Math.max(0, start - MARGIN);
    const filter = get().filter;
    const res = await call('jobs.query', { filter, offset, limit: Math.min(500, end - offset + MARGIN) });
    // A newer query (another keystroke, another scroll) was sent meanwhile: its answer wins.
    if (mine !== seq) return;
    if (!res.ok) {
      set({ error: res.message, ready: true });
      return;
    }
    const page = res.value;
    const rows = new Map<number, JobRow>();
    page.rows.forEach((r, i) => rows.set(page.offset + i, r));
    set({ rows, total: page.total, sources: page.sources, clusters: page.clusters, error: null, ready: true, applied: get().applied + 1 });
  },
}));

/** Keep the list in step with the back end while it is on screen. */
export const watchPreheats = () => onEvents(['jobs.changed'], 200, () => void usePreheats.getState().reload());
