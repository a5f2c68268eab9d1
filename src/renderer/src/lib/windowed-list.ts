import type { StoreApi } from 'zustand';
import type { Result } from '@shared/result';

/**
 * A long list the back end filters and pages: the store keeps only the rows around what is on
 * screen, out of `total` that match.
 */
export interface WindowedList<Row, Filter> {
  filter: Filter;
  /** Fetched rows by index; the rest of [0, total) is not loaded. */
  rows: Map<number, Row>;
  total: number;
  error: string | null;
  /** Set once the first answer arrived; the empty state waits for it. */
  ready: boolean;
  /** The index range [start, end) on screen. */
  range: [number, number];
  /** Counts answers applied; tests and the benchmarks read it to know the list has caught up. */
  applied: number;
  setFilter(patch: Partial<Filter>): Promise<void>;
  setRange(start: number, end: number): void;
  reload(): Promise<void>;
  /** The data changed: ask again, but while a query is out, once after it answers. */
  invalidate(): void;
}

interface Options<Row, Filter, Page, S> {
  filter: Filter;
  /** Rows fetched either side of the range, so short scrolls need no round trip. */
  margin: number;
  /** The most rows one query asks for. */
  limit: number;
  query(filter: Filter, offset: number, limit: number): Promise<Result<Page>>;
  /** The answer's rows, and what else of it the feature keeps (filter options, per-manager state). */
  read(page: Page): { offset: number; total: number; rows: Row[]; keep: Partial<S> };
  /** While true the newest row stays in view, so the tail is fetched rather than the range. */
  followsTail?(state: S): boolean;
}

/** The state and actions of a windowed list, for a zustand store that adds its feature's own. */
export function windowedList<Row, Filter, Page, S extends WindowedList<Row, Filter>>(
  set: StoreApi<S>['setState'],
  get: StoreApi<S>['getState'],
  o: Options<Row, Filter, Page, S>,
): WindowedList<Row, Filter> {
  const patch = (p: Partial<WindowedList<Row, Filter>>) => set(p as Partial<S>);
  let seq = 0;
  /** The query whose answer is on screen. */
  let shown = 0;
  let out = 0;
  let stale = false;
  return {
    filter: o.filter,
    rows: new Map(),
    total: 0,
    error: null,
    ready: false,
    range: [0, 40],
    applied: 0,
    setFilter(change) {
      patch({ filter: { ...get().filter, ...change } });
      return get().reload();
    },
    setRange(start, end) {
      const [s, e] = get().range;
      // The list reports its range again whenever its count changes; the same range keeps its identity.
      if (start === s && end === e) return;
      patch({ range: [start, end] });
      const { rows, total } = get();
      for (let i = start; i < Math.min(end, total); i++) {
        if (!rows.has(i)) return void get().reload();
      }
    },
    invalidate() {
      if (out > 0) stale = true;
      else void get().reload();
    },
    async reload() {
      const mine = ++seq;
      const { range, total, filter } = get();
      const [start, end] = range;
      const first = o.followsTail?.(get()) ? Math.max(start, total - (end - start)) : start;
      const offset = Math.max(0, first - o.margin);
      out++;
      const res = await o.query(filter, offset, Math.min(o.limit, first - offset + (end - start) + o.margin)).finally(() => out--);
      if (stale && out === 0) {
        stale = false;
        void get().reload();
      }
      // Answers cross: one to a newer query is on screen already, or the filter changed since (its own
      // query answers). Otherwise this one is shown, even while newer ones for the same filter are out:
      // under a stream of changes, waiting for the newest would show nothing at all.
      if (mine < shown || filter !== get().filter) return;
      shown = mine;
      if (!res.ok) return patch({ error: res.message, ready: true });
      const page = o.read(res.value);
      const rows = new Map<number, Row>();
      page.rows.forEach((r, i) => rows.set(page.offset + i, r));
      set({ ...page.keep, rows, total: page.total, error: null, ready: true, applied: get().applied + 1 } as Partial<S>);
      // The tail moved past what was fetched: fetch it.
      if (o.followsTail?.(get()) && page.total > page.offset + page.rows.length) void get().reload();
    },
  };
}
