import type { Job } from '../manager-client/wire-format';
import type { JobDetail, JobFilter, JobPage, JobRef, JobRow, ManagerLoadState } from '../../shared/models';
import { DeskError } from '../../shared/result';
import type { ManagerClient } from '../manager-client/client';
import type { ManagerRegistry } from '../managers/registry';
import { argsView, toDetail } from './detail';
import { entryFromHistory, jobKey, timeMs, toRow, type NameLookup } from './job-entry';
import { jobClustersFromDetail } from './job-clusters';
import type { Identity, JobLedger } from './ledger';
import { mapLimit } from './map-limit';

interface Feed {
  managerId: string;
  /** The manager's identity this feed reads for; a new epoch starts a new feed. */
  identity: Identity;
  /** The login this feed was built for; an edit starts a new feed. */
  configStamp: string;
  pagesLoaded: number;
  /** Creation time of the oldest job on the pages loaded so far (pages run newest first). */
  oldestMs: number;
  lastPage: number | null;
  total: number | null;
  busy: number;
  error: { code: string; message: string } | null;
  refreshedAt: string | null;
  misfits: string[];
  clusters: Map<number, string>;
  clustersFetchedAt: number;
  /** Serialises page loads of one manager so page numbers never race. */
  chain: Promise<unknown>;
}

export interface JobServiceOptions {
  registry: ManagerRegistry;
  /** Where every job read goes; it owns the index, the targets, the history and identity. */
  ledger: JobLedger;
  /** A manager's load state changed (loading, error): the UI re-queries what it shows. */
  onChanged: () => void;
  perPage?: number;
  now?: () => number;
  log?: (msg: string) => void;
}

const CLUSTERS_TTL_MS = 5 * 60_000;
const TARGET_RETRY_MS = 60_000;
const DETAIL_CACHE = 100;
/** Failed target look-ups remembered at most; older ones may be asked again anyway. */
const TARGET_FAILURES_KEPT = 10_000;

const errorOf = (err: unknown) =>
  err instanceof DeskError ? { code: err.code, message: err.message } : { code: 'internal', message: (err as Error).message };

/**
 * Loads the preheat jobs of every configured manager, page by page, into the ledger, and answers the
 * merged list. Each manager is fetched independently: one that is down or slow records its own error
 * and never blanks the others.
 */
export class JobService {
  private readonly feeds = new Map<string, Feed>();
  private readonly targetFailures = new Map<string, number>();
  private readonly targetInflight = new Set<string>();
  private readonly details = new Map<string, JobDetail>();
  private readonly perPage: number;
  private readonly now: () => number;
  private readonly registry: ManagerRegistry;
  private readonly ledger: JobLedger;

  constructor(private readonly opts: JobServiceOptions) {
    this.registry = opts.registry;
    this.ledger = opts.ledger;
    this.perPage = opts.perPage ?? 100;
    this.now = opts.now ?? Date.now;
  }

  /** The merged index, as the ledger keeps it. */
  get index() {
    return this.ledger.index;
  }

  readonly names: NameLookup = {
    manager: (id) => this.registry.all().find((r) => r.id === id)?.name ?? 'removed manager',
    cluster: (managerId, clusterId) => this.feeds.get(managerId)?.clusters.get(clusterId) ?? null,
  };

  /** Align feeds with the configured managers and their identities; new, edited or reset managers are loaded at once. */
  syncManagers(): Promise<void> {
    const records = this.registry.all();
    const loads: Promise<void>[] = [];
    for (const [id] of this.feeds) if (!records.some((r) => r.id === id)) this.feeds.delete(id);
    for (const r of records) {
      const stamp = `${r.baseUrl}|${r.auth.kind}|${r.auth.kind === 'password' ? r.auth.username : ''}|${r.updatedAt}`;
      const identity = this.ledger.identity(r.id);
      const feed = this.feeds.get(r.id);
      if (feed && feed.configStamp === stamp && feed.identity.epoch === identity.epoch) continue;
      this.feeds.set(r.id, {
        managerId: r.id,
        identity,
        configStamp: stamp,
        pagesLoaded: 0,
        oldestMs: Number.POSITIVE_INFINITY,
        lastPage: null,
        total: null,
        busy: 0,
        error: null,
        refreshedAt: null,
        misfits: [],
        clusters: feed?.clusters ?? new Map(),
        clustersFetchedAt: 0,
        chain: Promise.resolve(),
      });
      // A failed load is recorded on its feed and shown next to the manager; it is not an error here.
      loads.push(this.refreshManager(r.id).catch(() => undefined));
    }
    this.changed();
    return Promise.all(loads).then(() => undefined);
  }

  private changed() {
    this.opts.onChanged();
  }

  private feed(managerId: string): Feed {
    const f = this.feeds.get(managerId);
    if (!f) throw new DeskError('not_found', `No manager with id ${managerId} is configured`);
    return f;
  }

  /** Run one job-list operation of a manager, after the previous one, tracking busy and error state. */
  private run<T>(managerId: string, op: (client: ManagerClient, feed: Feed) => Promise<T>): Promise<T> {
    const feed = this.feed(managerId);
    const next = feed.chain.then(async () => {
      feed.busy++;
      this.changed();
      try {
        const result = await op(await this.registry.client(managerId), feed);
        feed.error = null;
        return result;
      } catch (err) {
        feed.error = errorOf(err);
        this.opts.log?.(`jobs: ${feed.error.message}`);
        throw err;
      } finally {
        feed.busy--;
        this.changed();
      }
    });
    feed.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * An ended job the index holds as listed (same times, its clusters known) is left unparsed: the
   * overview's last day and the list's pages are mostly jobs the history brought back at start.
   */
  private readonly knownOf = (managerId: string) => (id: number, updatedAt: string, createdAt: string) => {
    const e = this.ledger.endedAsListed(managerId, id, updatedAt);
    return !!e && !e.gone && e.clusterIds !== null && e.createdMs === timeMs(createdAt);
  };

  private async readPage(client: ManagerClient, feed: Feed, page: number) {
    const res = await client.listJobs({ page, perPage: this.perPage }, this.knownOf(feed.managerId));
    if (!this.ledger.observe(feed.identity, res.jobs)) throw new DeskError('conflict', `${this.names.manager(feed.managerId)} started afresh while its jobs were read; reading again`);
    for (const at of [...res.jobs.map((j) => j.created_at), ...res.unchanged.map((u) => u.createdAt)]) {
      const ms = Date.parse(at);
      if (ms < feed.oldestMs) feed.oldestMs = ms;
    }
    return { ...res, count: res.jobs.length + res.unchanged.length };
  }

  private async ensureClusters(client: ManagerClient, feed: Feed, force = false) {
    if (!force && this.now() - feed.clustersFetchedAt < CLUSTERS_TTL_MS) return;
    feed.clustersFetchedAt = this.now();
    try {
      const clusters = await client.listClusters();
      feed.clusters = new Map(clusters.map((c) => [c.id, c.name]));
    } catch (err) {
      // A PAT without the `cluster` scope still lists jobs; cluster names then stay unknown.
      this.opts.log?.(`clusters: ${errorOf(err).message}`);
    }
  }

  /** Whether a job of the manager targets a cluster whose name is not known. */
  private namesMissing(managerId: string, known: Map<number, string>): boolean {
    let missing = false;
    this.index.forEachOf(managerId, (e) => {
      if (e.clusterIds?.some((id) => !known.has(id))) missing = true;
      return !missing;
    });
    return missing;
  }

  refreshAll(): Promise<number> {
    return Promise.all([...this.feeds.keys()].map((id) => this.refreshManager(id).then(() => 1, () => 0))).then((r) =>
      r.reduce<number>((a, b) => a + b, 0),
    );
  }

  /** Newest page, the exact total, and a re-check of every job still pending beyond page 1. */
  refreshManager(managerId: string): Promise<void> {
    return this.run(managerId, async (client, feed) => {
      await this.ensureClusters(client, feed);
      const first = await this.readPage(client, feed, 1);
      feed.misfits = first.misfits;
      feed.pagesLoaded = Math.max(feed.pagesLoaded, 1);
      feed.lastPage = first.lastPage;
      feed.total = first.lastPage <= 1 ? first.count : await client.countJobs();
      const onFirst = new Set(first.jobs.map((j) => j.id));
      const pending: number[] = [];
      this.index.forEachOf(managerId, (e) => {
        if (e.status === 'pending' && !e.gone && !onFirst.has(e.id)) pending.push(e.id);
      });
      if (pending.length) {
        const stillPending = await client.listAllJobs({ perPage: this.perPage, state: 'PENDING' });
        this.ledger.observe(feed.identity, stillPending);
        const ids = new Set(stillPending.map((j) => j.id));
        await mapLimit(
          pending.filter((id) => !ids.has(id)),
          4,
          (id) => this.fetchOne(client, feed.identity, id),
        );
      }
      await this.markGoneBeyondOldest(client, feed.identity, feed.total);
      feed.refreshedAt = new Date(this.now()).toISOString();
      if (this.namesMissing(managerId, feed.clusters)) {
        await this.ensureClusters(client, feed, this.now() - feed.clustersFetchedAt > 10_000);
      }
    });
  }

  /** A job this app just created: into the list at once, with the targets its create answer names. */
  recordCreated(managerId: string, job: Job) {
    this.ledger.observe(this.ledger.identity(managerId), [job], true);
  }

  /** A job in full, for actions that need its args (duplicate, retry); refreshes its list row too. */
  async fetchJob(ref: JobRef): Promise<Job> {
    const client = await this.registry.client(ref.managerId);
    const job = await this.fetchOne(client, this.ledger.identity(ref.managerId), ref.jobId);
    if (!job) throw new DeskError('manager_not_found', `Job ${ref.jobId} no longer exists on ${this.registry.get(ref.managerId).name}`);
    return job;
  }

  /**
   * Jobs kept from earlier runs that are older than the manager's oldest job are gone (its GC removed
   * them); one request for the last entry of the list says how far back the manager still goes.
   */
  private async markGoneBeyondOldest(client: ManagerClient, identity: Identity, total: number | null) {
    if (!total) return;
    const oldest = (await client.listJobs({ page: total, perPage: 1 })).jobs[0];
    if (oldest) this.ledger.goneBefore(identity, Date.parse(oldest.created_at));
  }

  /** Read one job in full; a 404 marks it gone from the manager. */
  private async fetchOne(client: ManagerClient, identity: Identity, jobId: number): Promise<Job | null> {
    try {
      const job = await client.getJob(jobId);
      this.ledger.observe(identity, [job], true);
      return job;
    } catch (err) {
      if (err instanceof DeskError && err.code === 'manager_not_found') {
        this.ledger.gone(identity, jobId);
        return null;
      }
      throw err;
    }
  }

  private hasMore(f: Feed) {
    return f.lastPage !== null && f.pagesLoaded < f.lastPage;
  }

  /**
   * The next page of one manager, or of the manager whose oldest loaded job is newest: that one bounds
   * how far down the merged order is complete (a k-way merge over paginated lists).
   */
  async loadMore(managerId?: string): Promise<number> {
    let target = managerId;
    if (!target) {
      let best: { id: string; oldest: number } | null = null;
      for (const f of this.feeds.values()) {
        if (!this.hasMore(f) || f.error) continue;
        let oldest = Number.POSITIVE_INFINITY;
        this.index.forEachOf(f.managerId, (e) => {
          if (e.createdMs < oldest) oldest = e.createdMs;
        });
        if (!best || oldest > best.oldest) best = { id: f.managerId, oldest };
      }
      if (!best) return 0;
      target = best.id;
    }
    return this.loadNext(target);
  }

  /** The next page of one manager, if `more` still holds when its turn comes. */
  private loadNext(managerId: string, more: (f: Feed) => boolean = () => true): Promise<number> {
    return this.run(managerId, async (client, feed) => {
      // Checked in turn: two callers loading towards the same point would otherwise both take a page.
      if (!this.hasMore(feed) || !more(feed)) return 0;
      const page = feed.pagesLoaded + 1;
      const res = await this.readPage(client, feed, page);
      feed.pagesLoaded = page;
      feed.lastPage = res.lastPage;
      return res.count;
    });
  }

  /**
   * Load further pages of every manager while `more(feed)` holds; managers side by side, the pages of
   * one in order. A first load still running is waited for: it decides whether there is more. `before`
   * is awaited before each page (background loads let a loading page go first).
   */
  private async loadPagesWhile(more: (f: Feed) => boolean, ids: Iterable<string> = this.feeds.keys(), before?: () => Promise<void>): Promise<number> {
    const counts = await Promise.all(
      [...ids].map(async (id) => {
        let n = 0;
        const done = async () => {
          await this.feeds.get(id)?.chain;
          const f = this.feeds.get(id);
          return !f || !this.hasMore(f) || !!f.error || !more(f);
        };
        for (;;) {
          if (await done()) return n;
          if (before) {
            await before();
            // Asked again after the wait: the page may have been loaded meanwhile, or the manager removed.
            if (await done()) return n;
          }
          const got = await this.loadNext(id, more).catch(() => 0);
          if (got === 0) return n;
          n += got;
        }
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Every remaining page of every manager. */
  loadAll(): Promise<number> {
    return this.loadPagesWhile(() => true);
  }

  /** Pages until each manager's reach back to `sinceMs` (the overview's last 24 h). */
  async loadSince(sinceMs: number): Promise<void> {
    await this.loadPagesWhile((f) => f.oldestMs >= sinceMs);
  }

  /** One manager's pages back to `sinceMs`, each after `before`; true once they reach it (see reachesBack). */
  async loadSinceOf(managerId: string, sinceMs: number, before?: () => Promise<void>): Promise<boolean> {
    await this.loadPagesWhile((f) => f.oldestMs >= sinceMs, [managerId], before);
    const f = this.feeds.get(managerId);
    return !!f && !f.error && this.reachesBack(managerId, sinceMs);
  }

  /**
   * Whether the jobs a manager's loaded pages hold reach back to `sinceMs`, so counts over that span are
   * whole. A manager just added has no feed yet: not reached. A failed read counts as settled: the
   * manager's error is shown instead.
   */
  reachesBack(managerId: string, sinceMs: number): boolean {
    const f = this.feeds.get(managerId);
    if (!f) return false;
    if (f.error) return true;
    return f.lastPage !== null && (!this.hasMore(f) || f.oldestMs < sinceMs);
  }

  /** Fill in targeted clusters of rows on screen: cached forever once learned, fetched at most once a minute on error. */
  async resolveTargets(refs: JobRef[]): Promise<number> {
    const todo = refs.filter((r) => {
      const key = jobKey(r.managerId, r.jobId);
      const e = this.index.get(r.managerId, r.jobId);
      if (!e || e.clusterIds || e.gone || this.targetInflight.has(key) || !this.feeds.has(r.managerId)) return false;
      const failedAt = this.targetFailures.get(key);
      return failedAt === undefined || this.now() - failedAt > TARGET_RETRY_MS;
    });
    for (const r of todo) this.targetInflight.add(jobKey(r.managerId, r.jobId));
    void mapLimit(todo, 4, async (r) => {
      const key = jobKey(r.managerId, r.jobId);
      try {
        await this.fetchOne(await this.registry.client(r.managerId), this.ledger.identity(r.managerId), r.jobId);
      } catch {
        this.rememberTargetFailure(key);
      } finally {
        this.targetInflight.delete(key);
        this.changed();
      }
    });
    return todo.length;
  }

  private rememberTargetFailure(key: string) {
    this.targetFailures.set(key, this.now());
    if (this.targetFailures.size <= TARGET_FAILURES_KEPT) return;
    // Failures older than the retry window carry nothing: drop them, and the oldest if that is not enough.
    for (const [k, at] of this.targetFailures) if (this.now() - at > TARGET_RETRY_MS) this.targetFailures.delete(k);
    for (const k of this.targetFailures.keys()) {
      if (this.targetFailures.size <= TARGET_FAILURES_KEPT) break;
      this.targetFailures.delete(k);
    }
  }

  /** A job in full. If the manager cannot answer, the last copy seen is returned, marked stale. */
  async detail(ref: JobRef): Promise<JobDetail> {
    const key = jobKey(ref.managerId, ref.jobId);
    const record = this.registry.get(ref.managerId);
    const identity = this.ledger.identity(ref.managerId);
    try {
      const client = await this.registry.client(ref.managerId);
      const job = await this.fetchOne(client, identity, ref.jobId);
      if (!job) {
        throw new DeskError('manager_not_found', `Job ${ref.jobId} no longer exists on ${record.name}: it was deleted or garbage-collected`);
      }
      const feed = this.feeds.get(ref.managerId);
      const targets = jobClustersFromDetail(job);
      if (feed && targets?.some((id) => !feed.clusters.has(id))) await this.ensureClusters(client, feed, true);
      const detail = toDetail(ref.managerId, job, this.names, this.now());
      this.ledger.keepDetail(identity, job, detail);
      this.details.delete(key);
      this.details.set(key, detail);
      if (this.details.size > DETAIL_CACHE) this.details.delete(this.details.keys().next().value as string);
      this.changed();
      return detail;
    } catch (err) {
      const last = this.details.get(key) ?? this.ledger.historyDetail(ref.managerId, ref.jobId) ?? this.historyOnly(ref);
      if (last) {
        const gone = err instanceof DeskError && err.code === 'manager_not_found';
        return {
          ...last,
          row: { ...last.row, gone: gone || last.row.gone, managerName: record.name },
          staleReason: gone ? `${record.name} no longer has this job (deleted or garbage-collected); this is the copy Dragonfly Desk kept.` : errorOf(err).message,
        };
      }
      throw err;
    }
  }

  /** A job the history knows only by its summary (it vanished before it was read in full). */
  private historyOnly(ref: JobRef): JobDetail | null {
    const h = this.ledger.historySummary(ref.managerId, ref.jobId);
    if (!h) return null;
    const row = toRow(entryFromHistory(h), this.names, this.now());
    return {
      row,
      taskId: '',
      userName: '',
      resultState: null,
      resultUpdatedAt: null,
      args: argsView({ type: row.kind === 'unknown' ? '' : row.kind, urls: row.urls }),
      tasks: [],
      errorLog: [],
      peers: [],
      fetchedAt: h.seenAt,
      staleReason: null,
    };
  }

  /** Every job the filter shows (for export), in its order. */
  rowsOf(filter: JobFilter): JobRow[] {
    return this.index.entries(filter as never).map((e) => toRow(e, this.names, this.now()));
  }

  /** The rows of these jobs, those the list has, in the order given. */
  rowsFor(refs: JobRef[]): JobRow[] {
    return refs.flatMap((r) => {
      const e = this.index.get(r.managerId, r.jobId);
      return e ? [toRow(e, this.names, this.now())] : [];
    });
  }

  query(filter: JobFilter, offset: number, limit: number): JobPage {
    const parsed = this.index.query(filter as never, offset, limit, this.names, this.now());
    return {
      version: this.index.version,
      total: parsed.total,
      offset,
      rows: parsed.rows,
      sources: this.sources(),
      clusters: [...this.feeds.values()].flatMap((f) =>
        [...f.clusters].map(([id, name]) => ({ managerId: f.managerId, managerName: this.names.manager(f.managerId), id, name })),
      ),
    };
  }

  sources(): ManagerLoadState[] {
    return this.registry.all().map((r) => {
      const f = this.feeds.get(r.id);
      const loaded = this.index.countOf(r.id);
      return {
        managerId: r.id,
        managerName: r.name,
        loaded,
        total: f?.total ?? null,
        pagesLoaded: f?.pagesLoaded ?? 0,
        lastPage: f?.lastPage ?? null,
        hasMore: f ? this.hasMore(f) : false,
        loading: (f?.busy ?? 0) > 0,
        error: f?.error ?? (f?.misfits.length ? { code: 'bad_response', message: `${r.name}: ${f.misfits.length} job(s) could not be read: ${f.misfits[0]}` } : null),
        refreshedAt: f?.refreshedAt ?? null,
        reachesBack: f && Number.isFinite(f.oldestMs) ? new Date(f.oldestMs).toISOString() : null,
      };
    });
  }
}
