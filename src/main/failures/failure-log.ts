import { FailureFilter, type FailureEntry, type FailurePage } from '../../shared/models';

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

interface Stored {
  entry: FailureEntry;
  /** Lower-cased text, manager, job, peer, URL, cluster: what search looks in. */
  haystack: string;
}

/**
 * The live failure log: a ring buffer of the newest entries across all managers, oldest first.
 * Older entries are not lost: the job history keeps what they came from.
 */
export class FailureLog {
  private readonly ring: (Stored | undefined)[];
  private start = 0;
  private count = 0;
  private nextId = 1;
  private cache: { key: string; search: string; newestId: number; list: Stored[] } | null = null;
  private latest: { newestId: number; map: Map<string, FailureEntry> } | null = null;

  constructor(private readonly capacity = LIVE_CAPACITY) {
    this.ring = new Array(capacity);
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
      const haystack = `${entry.text} ${entry.managerName} #${entry.jobId} ${entry.jobDescription} ${entry.hostname} ${entry.ip} ${entry.url} ${entry.cluster?.name ?? ''}`.toLowerCase();
      const slot = (this.start + this.count) % this.capacity;
      this.ring[slot] = { entry, haystack };
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
    const kept = this.all().filter((s) => !gone(s.entry));
    const removed = this.count - kept.length;
    if (removed === 0) return 0;
    this.ring.fill(undefined);
    kept.forEach((s, i) => (this.ring[i] = s));
    this.start = 0;
    this.count = kept.length;
    // The views cached for the old contents must not be served again.
    this.cache = null;
    this.latest = null;
    return removed;
  }

  private all(): Stored[] {
    const out: Stored[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.ring[(this.start + i) % this.capacity]!;
    return out;
  }

  matching(raw: FailureFilter): FailureEntry[] {
    return this.filtered(FailureFilter.parse(raw)).map((s) => s.entry);
  }

  private filtered(f: Filter): Stored[] {
    const text = f.search.trim().toLowerCase();
    const key = JSON.stringify({ ...f, search: '' });
    const c = this.cache;
    if (c && c.key === key && c.newestId === this.newestId) {
      if (c.search === text) return c.list;
      // Typing forward only narrows the last answer: filter it rather than the whole log.
      if (text.startsWith(c.search)) return this.remember(key, text, c.list.filter((s) => s.haystack.includes(text)));
    }
    const peer = f.peer.trim().toLowerCase();
    const list = this.all().filter(({ entry: e, haystack }) => {
      if (f.managerIds.length && !f.managerIds.includes(e.managerId)) return false;
      if (f.kinds.length && !f.kinds.includes(e.kind)) return false;
      if (f.clusters.length && (!e.cluster || !f.clusters.includes(`${e.managerId}:${e.cluster.id}`))) return false;
      if (peer && !e.hostname.toLowerCase().includes(peer) && !e.ip.includes(peer)) return false;
      if (f.job && `${e.managerId}:${e.jobId}` !== f.job) return false;
      return !text || haystack.includes(text);
    });
    return this.remember(key, text, list);
  }

  private remember(key: string, search: string, list: Stored[]) {
    this.cache = { key, search, newestId: this.newestId, list };
    return list;
  }

  /** The newest entry of each cluster (`managerId:clusterId`), for the dashboard tiles. */
  latestPerCluster(): Map<string, FailureEntry> {
    if (this.latest?.newestId === this.newestId) return this.latest.map;
    const map = new Map<string, FailureEntry>();
    for (let i = this.count - 1; i >= 0; i--) {
      const e = this.ring[(this.start + i) % this.capacity]!.entry;
      if (!e.cluster) continue;
      const key = `${e.managerId}:${e.cluster.id}`;
      if (!map.has(key)) map.set(key, e);
    }
    this.latest = { newestId: this.newestId, map };
    return map;
  }

  query(raw: FailureFilter, offset: number, limit: number): FailurePage {
    const list = this.filtered(FailureFilter.parse(raw));
    const managers = new Map<string, string>();
    const clusters = new Map<string, { managerId: string; managerName: string; id: number; name: string }>();
    for (const { entry: e } of this.all().slice(-20_000)) {
      managers.set(e.managerId, e.managerName);
      if (e.cluster) clusters.set(`${e.managerId}:${e.cluster.id}`, { managerId: e.managerId, managerName: e.managerName, id: e.cluster.id, name: e.cluster.name ?? `#${e.cluster.id}` });
    }
    return {
      newestId: this.newestId,
      total: list.length,
      offset,
      entries: list.slice(offset, offset + limit).map((s) => s.entry),
      managers: [...managers].map(([id, name]) => ({ id, name })),
      clusters: [...clusters.values()],
    };
  }
}
