import { JobFilter, type JobRow, type JobSort, type JobStatus } from '../../shared/models';
import { SearchCorpus } from '../lifecycle/search-corpus';
import { JobSearch, searchBodyOf } from './job-search';
import { searchTextOf, toRow, type JobEntry, type NameLookup } from './job-entry';
import { JobColumns, JobView } from './job-columns';

type Filter = ReturnType<typeof JobFilter.parse>;
type Compare = (a: number, b: number) => number;

/** Problems first: what an operator sorting by status looks for. */
const SEVERITY: Record<JobStatus, number> = { failed: 6, timed_out: 5, partial: 4, unconfirmed: 3, unknown: 2, pending: 1, succeeded: 0 };

/** The order of a sort over slots, newest first among equals. Jobs with no duration yet (pending) come last either way. */
function comparator(c: JobColumns, sort: JobSort, order: 'asc' | 'desc'): Compare {
  const dir = order === 'desc' ? 1 : -1;
  // Ties broken stably so a page never reorders between queries.
  const newestFirst: Compare = (a, b) => {
    if (c.created[b] !== c.created[a]) return c.created[b]! - c.created[a]!;
    const ma = c.managerId(a);
    const mb = c.managerId(b);
    return (ma < mb ? -1 : ma > mb ? 1 : 0) || c.id[b]! - c.id[a]!;
  };
  if (sort === 'created') return (a, b) => dir * newestFirst(a, b);
  if (sort === 'status') return (a, b) => dir * (SEVERITY[c.status(b)] - SEVERITY[c.status(a)]) || newestFirst(a, b);
  const durationOf = (s: number) => (c.status(s) !== 'pending' && c.updated[s]! >= c.created[s]! ? c.updated[s]! - c.created[s]! : null);
  return (a, b) => {
    const da = durationOf(a);
    const db = durationOf(b);
    if (da === null || db === null) return (da === null ? 1 : 0) - (db === null ? 1 : 0) || newestFirst(a, b);
    return dir * (db - da) || newestFirst(a, b);
  };
}

/** "#42" asks for job 42 only (not 420 or 1427); without the "#", a number also matches text. */
const exactId = (text: string): number | null => (/^#\d{1,15}$/.test(text) ? Number(text.slice(1)) : null);

/** Whether a filter narrows by anything but its search text. */
const byFields = (f: Filter) => f.statuses.length > 0 || f.managerIds.length > 0 || f.kinds.length > 0 || f.clusters.length > 0 || !!f.createdFrom || !!f.createdTo;

function matches(c: JobColumns, s: number, f: Filter, text: string, id: number | null): boolean {
  if (f.statuses.length && !f.statuses.includes(c.status(s))) return false;
  if (f.managerIds.length && !f.managerIds.includes(c.managerId(s))) return false;
  const kind = c.kind(s);
  if (f.kinds.length && (kind === 'unknown' || !f.kinds.includes(kind))) return false;
  if (f.createdFrom && c.created[s]! < Date.parse(f.createdFrom)) return false;
  if (f.createdTo && c.created[s]! >= Date.parse(f.createdTo)) return false;
  if (f.clusters.length) {
    // Only what is known: a job whose targets are not resolved yet does not match a cluster filter.
    const ids = c.clusterIds[s];
    const managerId = c.managerId(s);
    if (!ids || !ids.some((cid) => f.clusters.includes(`${managerId}:${cid}`))) return false;
  }
  if (id !== null) return c.id[s] === id;
  return text === '' || searchTextOf(c.id[s]!, c.urls[s]!, c.descriptions[s]!).includes(text);
}

/**
 * Every preheat job the app has loaded, across managers, with a cached sorted order and a cached
 * result for the last filter, so scrolling a filtered list of 100,000 rows costs a slice. Jobs are
 * kept as columns (JobColumns) and every order and result is a list of their slots.
 */
export class JobIndex {
  private readonly cols = new JobColumns();
  /** managerId → job id → slot: one map per manager, no per-job key string. */
  private readonly perManager = new Map<string, Map<number, number>>();
  private count = 0;
  /** Slots no job holds; a removed job's slot is reused. */
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  private readonly search = new JobSearch();
  /**
   * Every job in each sort order asked for, until a change that moves jobs in it. Jobs are updated in
   * place and never change their creation time, so the created orders survive updates, and jobs added
   * meanwhile are merged into them: under the watcher's steady changes a query costs a merge, not a sort.
   */
  private readonly sorted = new Map<string, Int32Array>();
  /** Jobs added since each cached created order was last brought up to date. */
  private readonly addedSince = new Map<string, number[]>();
  private lastQuery: { key: string; text: string; version: number; list: Int32Array } | null = null;
  version = 0;

  get size() {
    return this.count;
  }

  private slotOf(managerId: string, id: number): number | undefined {
    return this.perManager.get(managerId)?.get(id);
  }

  get(managerId: string, id: number): JobEntry | undefined {
    const s = this.slotOf(managerId, id);
    return s === undefined ? undefined : this.cols.read(s);
  }

  /** Insert or replace; returns whether anything visible changed. */
  upsert(entry: JobEntry): boolean {
    let m = this.perManager.get(entry.managerId);
    const old = m?.get(entry.id);
    if (old !== undefined) {
      const known = this.cols.clusterIds[old]!;
      if (!entry.clusterIds && known) entry = { ...entry, clusterIds: known };
      if (this.cols.same(old, entry)) return false;
      // A job's URLs never change; its description may.
      if (this.cols.descriptions[old] !== entry.description) this.search.set(old, entry.id, searchBodyOf(this.cols.urls[old]!, entry.description));
      this.cols.write(old, entry);
      this.touch('values');
      return true;
    }
    if (!m) this.perManager.set(entry.managerId, (m = new Map()));
    this.count++;
    const slot = this.freeSlots.pop() ?? this.slotCount++;
    m.set(entry.id, slot);
    this.cols.write(slot, entry);
    this.search.set(slot, entry.id, searchBodyOf(entry.urls, entry.description));
    this.touch('added', slot);
    return true;
  }

  remove(managerId: string, id: number): boolean {
    const s = this.slotOf(managerId, id);
    if (s === undefined) return false;
    this.perManager.get(managerId)!.delete(id);
    this.count--;
    this.release(s);
    this.touch('removed');
    return true;
  }

  private release(slot: number) {
    this.cols.clear(slot);
    this.freeSlots.push(slot);
    this.search.clear(slot);
  }

  markGone(managerId: string, id: number): boolean {
    const s = this.slotOf(managerId, id);
    if (s === undefined || this.cols.gone(s)) return false;
    this.cols.markGone(s);
    this.touch('values');
    return true;
  }

  removeManager(managerId: string) {
    const m = this.perManager.get(managerId);
    if (!m) return;
    this.count -= m.size;
    for (const s of m.values()) this.release(s);
    this.perManager.delete(managerId);
    this.touch('removed');
  }

  /**
   * Visit a manager's jobs, read in place: one view moves through them, so read each during its visit
   * (keep what you need, or `get` a copy); its fields are getters, so a spread or JSON of it copies
   * nothing. A visit that returns `false` ends the walk. Copies were 10,000 objects of garbage per
   * manager and watcher tick. A generator here cost more than this loop: bench:idle's resident slope
   * was 6.1–7.8 MiB/h with one (3 runs), 3.4 with this (1 run).
   */
  forEachOf(managerId: string, visit: (job: Readonly<JobEntry>) => boolean | void): void {
    const m = this.perManager.get(managerId);
    if (!m) return;
    const view = new JobView(this.cols);
    for (const s of m.values()) {
      view.slot = s;
      if (visit(view) === false) return;
    }
  }

  countOf(managerId: string): number {
    return this.perManager.get(managerId)?.size ?? 0;
  }

  private touch(change: 'values' | 'added' | 'removed', added?: number) {
    this.version++;
    this.lastQuery = null;
    for (const key of [...this.sorted.keys()]) {
      if (change === 'removed' || !key.startsWith('created:')) {
        this.sorted.delete(key);
        this.addedSince.delete(key);
      } else if (added !== undefined) this.addedSince.get(key)!.push(added);
    }
  }

  private order(sort: JobSort = 'created', dir: 'asc' | 'desc' = 'desc'): Int32Array {
    const key = `${sort}:${dir}`;
    let list = this.sorted.get(key);
    const added = this.addedSince.get(key);
    if (list && !added?.length) return list;
    const cmp = comparator(this.cols, sort, dir);
    if (list) list = mergeSorted(list, added!.sort(cmp), cmp);
    else {
      list = new Int32Array(this.count);
      let i = 0;
      for (const m of this.perManager.values()) for (const s of m.values()) list[i++] = s;
      list.sort(cmp);
    }
    this.sorted.set(key, list);
    this.addedSince.set(key, []);
    return list;
  }

  /** Build one more chunk of the search text ahead of a search (see SearchWarmup); false when all are built. */
  prepareSearch(): boolean {
    return this.search.prepare();
  }

  /** The slots the filter shows, in its order. */
  private filtered(rawFilter: Filter): Int32Array {
    const filter = JobFilter.parse(rawFilter);
    const text = filter.search.trim().toLowerCase();
    const key = JSON.stringify({ ...filter, search: '' });
    const last = this.lastQuery;
    if (last && last.key === key && last.version === this.version && last.text === text) return last.list;
    const all = this.order(filter.sort, filter.order);
    const id = exactId(text);
    const fields = byFields(filter);
    let list = all;
    if (id === null && SearchCorpus.searchable(text)) {
      // Search runs through the distinct texts; only its hits are looked at, in the order asked for.
      const hits = this.search.find(text, this.slotCount);
      list = all.filter((s) => hits[s] === 1 && (!fields || matches(this.cols, s, filter, '', null)));
    } else if (fields || text) list = all.filter((s) => matches(this.cols, s, filter, text, id));
    this.lastQuery = { key, text, version: this.version, list };
    return list;
  }

  /** Every job the filter shows, in its order. */
  entries(filter: Filter): JobEntry[] {
    const list = this.filtered(filter);
    const out = new Array<JobEntry>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = this.cols.read(list[i]!);
    return out;
  }

  query(filter: Filter, offset: number, limit: number, names: NameLookup, now: number): { total: number; rows: JobRow[] } {
    const list = this.filtered(filter);
    const rows: JobRow[] = [];
    for (const s of list.subarray(offset, offset + limit)) rows.push(toRow(this.cols.read(s), names, now));
    return { total: list.length, rows };
  }
}

/** Two lists of slots sorted by `cmp`, as one. */
function mergeSorted(a: Int32Array, b: number[], cmp: Compare): Int32Array {
  const list = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < list.length; k++) {
    // Once `b` is used up the rest of `a` is copied without a comparison.
    list[k] = j >= b.length || (i < a.length && cmp(a[i]!, b[j]!) <= 0) ? a[i++]! : b[j++]!;
  }
  return list;
}
