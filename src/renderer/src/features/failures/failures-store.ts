import { create } from 'zustand';
import type { FailureEntry, FailureKind, FailurePage } from '@shared/models';
import { call, onEvents } from '@renderer/transport/api';

/** Rows fetched around the visible range, so short scrolls need no round trip. */
const MARGIN = 80;

export interface Filter {
  search: string;
  managerIds: string[];
  clusters: string[];
  kinds: FailureKind[];
  peer: string;
  job: string;
}

export const emptyFailureFilter = (): Filter => ({ search: '', managerIds: [], clusters: [], kinds: [], peer: '', job: '' });

interface FailuresState {
  filter: Filter;
  rows: Map<number, FailureEntry>;
  total: number;
  managers: FailurePage['managers'];
  clusters: FailurePage['clusters'];
  error: string | null;
  ready: boolean;
  range: [number, number];
  /** Following keeps the newest entry in view; paused, the view holds still and counts what arrives. */
  following: boolean;
  /** The matching total when the view was paused. */
  pausedAt: number;
  selected: Map<number, FailureEntry>;
  /** Counts answers applied; tests read it to know the view has caught up. */
  applied: number;
  setFilter(patch: Partial<Filter>): void;
  setRange(start: number, end: number): void;
  follow(on: boolean): void;
  toggle(entry: FailureEntry): void;
  clearSelection(): void;
  reload(): Promise<void>;
}

let seq = 0;

export const useFailures = create<FailuresState>((set, get) => ({
  filter: emptyFailureFilter(),
  rows: new Map(),
  total: 0,
  managers: [],
  clusters: [],
  error: null,
  ready: false,
  range: [0, 40],
  following: true,
  pausedAt: 0,
  selected: new Map(),
  applied: 0,
  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch }, selected: new Map() });
    void get()
      .reload()
      .then(() => set({ pausedAt: get().total }));
  },
  setRange(start, end) {
    const [s, e] = get().range;
    set({ range: [start, end] });
    const rows = get().rows;
    for (let i = start; i < Math.min(end, get().total); i++) {
      if (!rows.has(i)) {
        if (start !== s || end !== e) void get().reload();
        return;
      }
    }
  },
  follow(on) {
    if (on === get().following) return;
    set({ following: on, pausedAt: get().total });
  },
  toggle(entry) {
    const selected = new Map(get().selected);
    if (selected.has(entry.id)) selected.delete(entry.id);
    else selected.set(entry.id, entry);
    set({ selected });
  },
  clearSelection() {
    set({ selected: new Map() });
  },
  async reload() {
    const mine = ++seq;
    const [start, end] = get().range;
    // Following reads the tail; otherwise the rows around what is on screen.
    const first = get().following ? Math.max(start, get().total - (end - start)) : start;
    const offset = Math.max(0, first - MARGIN);
    const res = await call('failures.query', { filter: get().filter, offset, limit: Math.min(1000, end - start + 2 * MARGIN) });
    if (mine !== seq) return;
    if (!res.ok) {
      set({ error: res.message, ready: true });
      return;
    }
    const page = res.value;
    const rows = new Map<number, FailureEntry>();
    page.entries.forEach((e, i) => rows.set(page.offset + i, e));
    set({ rows, total: page.total, managers: page.managers, clusters: page.clusters, error: null, ready: true, applied: get().applied + 1 });
    // The tail moved past what was fetched: fetch it.
    if (get().following && page.total > page.offset + page.entries.length) void get().reload();
  },
}));

/** Tail the log while it is on screen; a burst (a job with 500 failed peers) makes one reload. */
export const watchFailures = () => onEvents(['failures.appended'], 150, () => void useFailures.getState().reload());
