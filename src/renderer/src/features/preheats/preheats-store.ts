import { create } from 'zustand';
import type { JobActionResult, JobFilter, JobPage, JobRef, JobRow, ManagerLoadState } from '@shared/models';
import type { PreheatsIntent } from '@renderer/app/route';
import { download } from '@renderer/lib/export';
import { unchanged } from '@renderer/lib/unchanged';
import { windowedList, type WindowedList } from '@renderer/lib/windowed-list';
import { call, onEvents } from '@renderer/transport/api';
import type { FindState } from './list/find-state';

export type Filter = Required<JobFilter>;

export const emptyFilter = (): Filter => ({ statuses: [], managerIds: [], clusters: [], kinds: [], search: '', createdFrom: null, createdTo: null, sort: 'created', order: 'desc' });

/** "#123" or "123": a search for one job id. */
export const searchedId = (search: string): number | null => {
  const m = /^#?(\d{1,15})$/.exec(search.trim());
  return m ? Number(m[1]) : null;
};

/** The most jobs one bulk action takes (the back end's limit). */
export const BULK_LIMIT = 1000;

interface PreheatsState extends WindowedList<JobRow, Filter> {
  sources: ManagerLoadState[];
  clusters: JobPage['clusters'];
  selected: Map<string, JobRef>;
  find: FindState | null;
  /** Older pages are being loaded to cover the created-date range. */
  covering: boolean;
  /** Show the list, narrowed as the move that opened it asks. */
  open(intent?: PreheatsIntent): Promise<void>;
  /** Ask every manager for its newest jobs now. */
  refresh(): void;
  /** Load the next page of older jobs, of one manager or of all. */
  loadMore(managerId?: string): void;
  loadAll(): void;
  toggle(row: JobRow): void;
  /** Select every job the filter shows, up to BULK_LIMIT; resolves to how many matched. */
  selectAllMatching(): Promise<number>;
  clearSelection(): void;
  /** Delete jobs on their managers; the selection keeps what was refused. */
  remove(refs: JobRef[]): Promise<JobActionResult | string>;
  /** Download the selected jobs, or else every job the filter shows; resolves to why that failed, or null. */
  exportAs(format: 'csv' | 'json'): Promise<string | null>;
}

const keyOf = (r: JobRef) => `${r.managerId}:${r.jobId}`;

/** The merged job list of every manager, windowed. */
export const usePreheats = create<PreheatsState>()((set, get) => {
  const list = windowedList<JobRow, Filter, JobPage, PreheatsState>(set, get, {
    filter: emptyFilter(),
    margin: 60,
    limit: 500,
    query: (filter, offset, limit) => call('jobs.query', { filter, offset, limit }),
    read: ({ offset, total, rows, sources, clusters }) => ({ offset, total, rows, keep: { sources: unchanged(get().sources, sources), clusters: unchanged(get().clusters, clusters) } }),
  });

  /** The list has no job with the searched id: ask the managers, once per id. */
  const findIfMissing = async () => {
    const { filter, rows, find } = get();
    const jobId = searchedId(filter.search);
    if (jobId === null) return set({ find: null });
    if ([...rows.values()].some((r) => r.id === jobId) || find?.jobId === jobId) return;
    set({ find: { jobId, asking: true, found: 0, missing: [], error: null } });
    const res = await call('jobs.find', { jobId });
    if (get().find?.jobId !== jobId) return;
    set({
      find: res.ok
        ? { jobId, asking: false, found: res.value.found.length, missing: res.value.missing, error: null }
        : { jobId, asking: false, found: 0, missing: [], error: res.message },
    });
  };

  /** A created-date range reaches back further than what is loaded: load pages until it is covered. */
  const cover = async (from: string | null) => {
    if (!from) return;
    set({ covering: true });
    await call('jobs.cover', { since: from });
    if (get().filter.createdFrom === from) set({ covering: false });
  };

  return {
    ...list,
    sources: [],
    clusters: [],
    selected: new Map(),
    find: null,
    covering: false,
    async setFilter(patch) {
      const before = get().filter;
      await list.setFilter(patch);
      const { filter } = get();
      if (filter.createdFrom !== before.createdFrom) void cover(filter.createdFrom);
      if (!filter.createdFrom) set({ covering: false });
      if (filter.search !== before.search) await findIfMissing();
    },
    open(intent) {
      if (!intent) return get().reload();
      // The move asks for this alone: other filters would hide what it opens.
      if (intent.kind === 'search') return get().setFilter({ ...emptyFilter(), search: intent.search });
      return get().setFilter({ ...emptyFilter(), clusters: [`${intent.managerId}:${intent.clusterId}`] });
    },
    refresh: () => void call('jobs.refresh', {}),
    loadMore: (managerId) => void call('jobs.loadMore', managerId ? { managerId } : {}),
    loadAll: () => void call('jobs.loadAll', {}),
    toggle(row) {
      const selected = new Map(get().selected);
      const ref = { managerId: row.managerId, jobId: row.id };
      if (selected.has(keyOf(ref))) selected.delete(keyOf(ref));
      else selected.set(keyOf(ref), ref);
      set({ selected });
    },
    async selectAllMatching() {
      const selected = new Map<string, JobRef>();
      for (let offset = 0; offset < BULK_LIMIT; offset += 500) {
        const res = await call('jobs.query', { filter: get().filter, offset, limit: 500 });
        if (!res.ok) break;
        for (const r of res.value.rows) selected.set(r.key, { managerId: r.managerId, jobId: r.id });
        if (offset + 500 >= res.value.total) {
          set({ selected });
          return res.value.total;
        }
      }
      set({ selected });
      return get().total;
    },
    clearSelection: () => set({ selected: new Map() }),
    async remove(refs) {
      const res = await call('jobs.delete', { refs });
      if (!res.ok) return res.message;
      const selected = new Map(get().selected);
      for (const d of res.value.done) selected.delete(keyOf(d));
      set({ selected });
      return res.value;
    },
    async exportAs(format) {
      const refs = [...get().selected.values()];
      const res = await call('jobs.export', { filter: get().filter, format, ...(refs.length ? { refs } : {}) });
      if (!res.ok) return res.message;
      download(res.value.fileName, res.value.content, format === 'json' ? 'application/json' : 'text/csv');
      return null;
    },
  };
});

/** Ask for the targeted clusters of the rows on screen that lack them. */
function resolveTargets() {
  const { rows, range } = usePreheats.getState();
  const refs = [];
  for (let i = range[0]; i < range[1]; i++) {
    const r = rows.get(i);
    if (r && r.clusters === null && !r.gone) refs.push({ managerId: r.managerId, jobId: r.id });
  }
  if (refs.length) void call('jobs.resolveTargets', { refs });
}

/** How long the rows on screen must hold still before their targets are asked for (scrolling, typing)… */
export const TARGETS_AFTER_MS = 300;
/** …and how long at most, while they keep changing. */
export const TARGETS_WITHIN_MS = 1000;

/**
 * Keep the list in step with the back end while it is on screen, and once scrolling settles ask
 * for the targets of rows on screen. Not later than a second after the rows changed, though: during a
 * manager's first look new answers come every 200 ms, and the pending jobs on screen kept "…" for as long.
 */
export function watchPreheats() {
  const off = onEvents(['jobs.changed'], 200, () => usePreheats.getState().invalidate());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let since: number | undefined;
  const unsubscribe = usePreheats.subscribe((s, before) => {
    if (s.rows === before.rows && s.range === before.range) return;
    clearTimeout(timer);
    since ??= Date.now();
    timer = setTimeout(
      () => {
        since = undefined;
        resolveTargets();
      },
      Math.max(0, Math.min(TARGETS_AFTER_MS, since + TARGETS_WITHIN_MS - Date.now())),
    );
  });
  return () => {
    off();
    unsubscribe();
    clearTimeout(timer);
  };
}
