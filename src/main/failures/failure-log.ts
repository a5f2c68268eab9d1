import { FailureFilter, type FailureEntry, type FailurePage } from '../../shared/models';
import { SearchCorpus } from '../lifecycle/search-corpus';

type Filter = ReturnType<typeof FailureFilter.parse>;

export const LIVE_CAPACITY = 100_000;

/**
 * An entry with its id, built field by field: a spread copy gets a hidden class of its own in V8,
 * about 300 bytes more per line (heap snapshot of bench:list, 2026-12-01).
 */
const withId = (e: Omit<FailureEntry, 'id'>, id: number): FailureEntry => ({
  id,
  at: e.at,
  managerId: e.managerId,
  managerName: e.managerName,
  jobId: e.jobId,
  jobDescription: e.jobDescription,
  cluster: e.cluster,
  kind: e.kind,
  hostname: e.hostname,
  ip: e.ip,
  url: e.url,
  text: e.text,
  seenAtStart: e.seenAtStart,
});

/** What search looks in, lower-cased: text, manager, job, peer, URL, cluster. */
const searchTextOf = (e: FailureEntry) => `${e.text} ${e.managerName} #${e.jobId} ${e.jobDescription} ${e.hostname} ${e.ip} ${e.url} ${e.cluster?.name ?? ''}`.toLowerCase();

/** The filters' manager and cluster choices come from this many newest entries. */
const CHOICES_FROM = 20_000;

/**
 * The live failure log: a ring buffer of the newest entries across all managers, oldest first.
 * Older entries are not lost: the job history keeps what they came from.
 */
export class FailureLog {
  /** Entries by slot; the corpus searches the same slots. */
  private readonly ring: (FailureEntry | undefined)[];
  private readonly corpus: SearchCorpus;
  private start = 0;
  private count = 0;
  private nextId = 1;
  private cache: { key: string; search: string; newestId: number; list: FailureEntry[] } | null = null;
  private latest: { newestId: number; map: Map<string, FailureEntry> } | null = null;
  private choices: { newestId: number; managers: FailurePage['managers']; clusters: FailurePage['clusters'] } | null = null;
  private opened = false;

  /**
   * `onOpened` runs at the first query (the log's page opened): only then is its search text built
   * ahead (see prepareSearch).
   */
  constructor(
    private readonly capacity = LIVE_CAPACITY,
    private readonly onOpened: () => void = () => undefined,
  ) {
    this.ring = new Array(capacity);
    this.corpus = new SearchCorpus((slot) => {
      const e = this.ring[slot];
      return e ? searchTextOf(e) : null;
    });
  }

  get size() {
    return this.count;
  }

  get newestId() {
    return this.nextId - 1;
  }

  append(entries: Omit<FailureEntry, 'id'>[]): FailureEntry[] {
    const added: FailureEntry[] = [];
    for (const e of entries) {
      const entry = withId(e, this.nextId++);
      const slot = (this.start + this.count) % this.capacity;
      this.ring[slot] = entry;
      this.corpus.changed(slot);
      if (this.count < this.capacity) this.count++;
      else this.start = (this.start + 1) % this.capacity;
      added.push(entry);
    }
    return added;
  }

  /** Drop the entries of jobs the user deleted; returns how many went. */
  removeJobs(managerId: string, jobIds: readonly number[]): number {
    const ids = new Set(jobIds);
    return this.removeWhere((e) => e.managerId === managerId && ids.has(e.jobId));
  }

  /** Drop every entry of a removed manager: its history went with it. */
  removeManager(managerId: string): number {
    return this.removeWhere((e) => e.managerId === managerId);
  }

  private removeWhere(gone: (e: FailureEntry) => boolean): number {
    const kept = this.all().filter((e) => !gone(e));
    const removed = this.count - kept.length;
    if (removed === 0) return 0;
    this.ring.fill(undefined);
    kept.forEach((e, i) => (this.ring[i] = e));
    this.start = 0;
    this.count = kept.length;
    this.corpus.clear();
    // The views cached for the old contents must not be served again.
    this.cache = null;
    this.latest = null;
    this.choices = null;
    return removed;
  }

  /**
   * Build one more chunk of the search text ahead of a search (see SearchWarmup); false when all are
   * built, or while the log has not been opened: its text is kept for good (12 MiB in bench:list's
   * run, where nobody opened the log), and most runs never search it.
   */
  prepareSearch(): boolean {
    return this.opened && this.corpus.buildNext(this.usedSlots());
  }

  /** The ring's slots that have held an entry. */
  private usedSlots() {
    return Math.min(this.capacity, this.start + this.count);
  }

  private all(): FailureEntry[] {
    const out: FailureEntry[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.ring[(this.start + i) % this.capacity]!;
    return out;
  }

  matching(raw: FailureFilter): FailureEntry[] {
    return this.filtered(FailureFilter.parse(raw));
  }

  private filtered(f: Filter): FailureEntry[] {
    const text = f.search.trim().toLowerCase();
    const key = JSON.stringify({ ...f, search: '' });
    const c = this.cache;
    if (c && c.key === key && c.newestId === this.newestId && c.search === text) return c.list;
    const peer = f.peer.trim().toLowerCase();
    const fields = f.managerIds.length > 0 || f.kinds.length > 0 || f.clusters.length > 0 || peer !== '' || f.job !== '';
    const keep = (e: FailureEntry) => {
      if (f.managerIds.length && !f.managerIds.includes(e.managerId)) return false;
      if (f.kinds.length && !f.kinds.includes(e.kind)) return false;
      if (f.clusters.length && (!e.cluster || !f.clusters.includes(`${e.managerId}:${e.cluster.id}`))) return false;
      if (peer && !e.hostname.toLowerCase().includes(peer) && !e.ip.includes(peer)) return false;
      return !f.job || `${e.managerId}:${e.jobId}` === f.job;
    };
    let list: FailureEntry[];
    if (SearchCorpus.searchable(text)) {
      // Search runs through the corpus; only its hits are looked at, oldest first.
      const hits = this.corpus.find(text, this.usedSlots());
      list = [];
      for (let i = 0; i < this.count; i++) {
        const slot = (this.start + i) % this.capacity;
        if (hits[slot] === 1 && (!fields || keep(this.ring[slot]!))) list.push(this.ring[slot]!);
      }
    } else list = this.all().filter((e) => keep(e) && (!text || searchTextOf(e).includes(text)));
    this.cache = { key, search: text, newestId: this.newestId, list };
    return list;
  }

  /** The newest entry of each cluster (`managerId:clusterId`), for the dashboard tiles. */
  latestPerCluster(): Map<string, FailureEntry> {
    if (this.latest?.newestId === this.newestId) return this.latest.map;
    const map = new Map<string, FailureEntry>();
    for (let i = this.count - 1; i >= 0; i--) {
      const e = this.ring[(this.start + i) % this.capacity]!;
      if (!e.cluster) continue;
      const key = `${e.managerId}:${e.cluster.id}`;
      if (!map.has(key)) map.set(key, e);
    }
    this.latest = { newestId: this.newestId, map };
    return map;
  }

  query(raw: FailureFilter, offset: number, limit: number): FailurePage {
    if (!this.opened) {
      this.opened = true;
      this.onOpened();
    }
    const list = this.filtered(FailureFilter.parse(raw));
    const { managers, clusters } = this.filterChoices();
    return { newestId: this.newestId, total: list.length, offset, entries: list.slice(offset, offset + limit), managers, clusters };
  }

  /**
   * The filters' choices, made again only when lines came or went: made per query, they were 20,000
   * keys and objects each time, the most the back end allocated while the log filled (bench:failures).
   */
  private filterChoices() {
    if (this.choices?.newestId === this.newestId) return this.choices;
    const managers = new Map<string, string>();
    const clusters = new Map<string, FailurePage['clusters'][number]>();
    for (let i = Math.max(0, this.count - CHOICES_FROM); i < this.count; i++) {
      const e = this.ring[(this.start + i) % this.capacity]!;
      managers.set(e.managerId, e.managerName);
      if (e.cluster) clusters.set(`${e.managerId}:${e.cluster.id}`, { managerId: e.managerId, managerName: e.managerName, id: e.cluster.id, name: e.cluster.name ?? `#${e.cluster.id}` });
    }
    this.choices = { newestId: this.newestId, managers: [...managers].map(([id, name]) => ({ id, name })), clusters: [...clusters.values()] };
    return this.choices;
  }
}
