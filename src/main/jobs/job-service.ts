import type { Job } from '../manager-client/wire-format';
import type { JobDetail, JobFilter, JobPage, JobRef, ManagerLoadState } from '../../shared/models';
import { DeskError } from '../../shared/result';
import type { ManagerClient } from '../manager-client/client';
import type { ManagerRegistry } from '../managers/registry';
import { argsView, toDetail } from './detail';
import { JobIndex } from './job-index';
import type { HistoryStore } from '../history/history-store';
import { entryFromHistory, jobKey, toEntry, toRow, type NameLookup } from './job-entry';
import { jobClustersFromDetail } from './job-clusters';
import type { JobClustersCache } from './job-clusters-cache';
import { mapLimit } from './map-limit';
import { Debouncer } from '../lifecycle/debounce';
import type { Disposable } from '../lifecycle/disposable';

interface Feed {
  managerId: string;
  /** Identity of the manager config this feed was built for; an edit starts a new feed. */
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
  /** Targeted clusters learned so far, kept across restarts. */
  clusters: JobClustersCache;
  /** Jobs kept after the managers forget them; none in tests that do not need it. */
  history?: HistoryStore | null;
  /** The merged list changed (debounced): the UI re-queries what it shows. */
  onChanged: (version: number) => void;
  perPage?: number;
  now?: () => number;
  log?: (msg: string) => void;
}

const CLUSTERS_TTL_MS = 5 * 60_000;
const TARGET_RETRY_MS = 60_000;
const DETAIL_CACHE = 100;

const errorOf = (err: unknown) =>
  err instanceof DeskError ? { code: err.code, message: err.message } : { code: 'internal', message: (err as Error).message };

/**
 * Loads, merges and refreshes the preheat jobs of every configured manager. Each manager is fetched
 * independently: one that is down or slow records its own error and never blanks the others.
 */
export class JobService implements Disposable {
  readonly index = new JobIndex();
  private readonly feeds = new Map<string, Feed>();
  private readonly targetFailures = new Map<string, number>();
  private readonly targetInflight = new Set<string>();
  private readonly details = new Map<string, JobDetail>();
  private readonly perPage: number;
  private readonly now: () => number;
  private readonly registry: ManagerRegistry;
  private readonly cache: JobClustersCache;
  private readonly history: HistoryStore | null;
  private readonly changes: Debouncer;

  constructor(private readonly opts: JobServiceOptions) {
    this.registry = opts.registry;
    this.cache = opts.clusters;
    this.history = opts.history ?? null;
    this.perPage = opts.perPage ?? 100;
    this.now = opts.now ?? Date.now;
    this.changes = new Debouncer(150, () => opts.onChanged(this.index.version));
  }

  readonly names: NameLookup = {
    manager: (id) => this.registry.all().find((r) => r.id === id)?.name ?? 'removed manager',
    cluster: (managerId, clusterId) => this.feeds.get(managerId)?.clusters.get(clusterId) ?? null,
  };

  /** Align feeds with the configured managers; new or edited managers are loaded at once. */
  syncManagers(): Promise<void> {
    const records = this.registry.all();
    const loads: Promise<void>[] = [];
    for (const [id] of this.feeds) {
      if (!records.some((r) => r.id === id)) {
        this.feeds.delete(id);
        this.index.removeManager(id);
        this.cache.dropManager(id);
      }
    }
    for (const r of records) {
      const stamp = `${r.baseUrl}|${r.auth.kind}|${r.auth.kind === 'password' ? r.auth.username : ''}|${r.updatedAt}`;
      const feed = this.feeds.get(r.id);
      if (feed && feed.configStamp === stamp) continue;
      if (feed && feed.configStamp.split('|').slice(0, 3).join('|') !== stamp.split('|').slice(0, 3).join('|')) {
        // Another address or login may be another manager entirely: forget what the old one said.
        this.index.removeManager(r.id);
        this.cache.dropManager(r.id);
      }
      this.feeds.set(r.id, {
        managerId: r.id,
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

  dispose() {
    this.changes.dispose();
  }

  /** Put every job the history kept into the list; the managers' own answers replace them as they come. */
  loadHistory() {
    if (!this.history) return;
    const configured = new Set(this.registry.all().map((r) => r.id));
    for (const h of this.history.summaries()) if (configured.has(h.managerId)) this.index.upsert(entryFromHistory(h));
    this.changed();
  }

  private changed() {
    this.changes.schedule();
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

  private ingestPage(feed: Feed, jobs: Job[]) {
    this.ingest(feed.managerId, jobs);
    const last = jobs.at(-1);
    if (last) feed.oldestMs = Math.min(feed.oldestMs, Date.parse(last.created_at));
  }

  private ingest(managerId: string, jobs: Job[]) {
    for (const job of jobs) {
      const entry = toEntry(managerId, job, this.cache.get(managerId, job.id));
      if (entry.clusterIds && !this.cache.get(managerId, job.id)) this.cache.set(managerId, job.id, entry.clusterIds);
      this.index.upsert(entry);
    }
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

  refreshAll(): Promise<number> {
    return Promise.all([...this.feeds.keys()].map((id) => this.refreshManager(id).then(() => 1, () => 0))).then((r) =>
      r.reduce<number>((a, b) => a + b, 0),
    );
  }

  /** Newest page, the exact total, and a re-check of every job still pending beyond page 1. */
  refreshManager(managerId: string): Promise<void> {
    return this.run(managerId, async (client, feed) => {
      await this.ensureClusters(client, feed);
      const first = await client.listJobs({ page: 1, perPage: this.perPage });
      this.ingestPage(feed, first.jobs);
      feed.misfits = first.misfits;
      feed.pagesLoaded = Math.max(feed.pagesLoaded, 1);
      feed.lastPage = first.lastPage;
      feed.total = first.lastPage <= 1 ? first.jobs.length : await client.countJobs();
      const onFirst = new Set(first.jobs.map((j) => j.id));
      const pending = [...this.index.entriesOf(managerId)].filter((e) => e.status === 'pending' && !e.gone && !onFirst.has(e.id));
      if (pending.length) {
        const stillPending = await client.listAllJobs({ perPage: this.perPage, state: 'PENDING' });
        this.ingest(managerId, stillPending);
        const ids = new Set(stillPending.map((j) => j.id));
        await mapLimit(
          pending.filter((e) => !ids.has(e.id)),
          4,
          (e) => this.fetchOne(client, managerId, e.id),
        );
      }
      await this.markGoneBeyondOldest(client, managerId, feed.total);
      feed.refreshedAt = new Date(this.now()).toISOString();
      if ([...this.index.entriesOf(managerId)].some((e) => e.clusterIds?.some((id) => !feed.clusters.has(id)))) {
        await this.ensureClusters(client, feed, this.now() - feed.clustersFetchedAt > 10_000);
      }
    });
  }

  /** Jobs the watcher read: pending ones each tick, finished ones once. */
  recordWatched(managerId: string, jobs: Job[]) {
    if (!this.feeds.has(managerId)) return;
    for (const job of jobs) {
      const targets = jobClustersFromDetail(job);
      if (targets && job.scheduler_clusters.length) this.cache.set(managerId, job.id, targets);
    }
    this.ingest(managerId, jobs);
    this.changed();
  }

  markGone(managerId: string, jobId: number) {
    if (this.index.markGone(jobKey(managerId, jobId))) this.changed();
  }

  /** Opened or finished jobs are kept, with their detail once they are over, so they outlive the manager. */
  private keepInHistory(managerId: string, job: Job, detail: JobDetail) {
    if (!this.history) return;
    const previous = this.history.summary(managerId, job.id);
    const finished = detail.row.status !== 'pending';
    if (previous && previous.entry.status === detail.row.status && previous.hasDetail && previous.entry.updatedAt === job.updated_at) return;
    const r = detail.row;
    this.history.put(managerId, {
      jobId: job.id,
      entry: { state: r.state, status: r.status, kind: r.kind, urls: r.urls, description: r.description, createdAt: r.createdAt, updatedAt: r.updatedAt, clusterIds: r.clusters?.map((c) => c.id) ?? null, failedPeers: r.failedPeers, gone: false },
      transitions: previous?.transitions ?? [{ at: new Date(this.now()).toISOString(), from: null, to: r.status }],
      detail: finished ? detail : null,
      notified: previous?.notified ?? false,
      seenAt: previous?.seenAt ?? new Date(this.now()).toISOString(),
    });
  }

  /** A job this app just created: into the list at once, with the targets its create answer names. */
  recordCreated(managerId: string, job: Job) {
    const targets = jobClustersFromDetail(job);
    if (targets) this.cache.set(managerId, job.id, targets);
    this.ingest(managerId, [job]);
    this.changed();
  }

  /** A job in full, for actions that need its args (duplicate, retry); refreshes its list row too. */
  async fetchJob(ref: JobRef): Promise<Job> {
    const client = await this.registry.client(ref.managerId);
    const job = await this.fetchOne(client, ref.managerId, ref.jobId);
    if (!job) throw new DeskError('manager_not_found', `Job ${ref.jobId} no longer exists on ${this.registry.get(ref.managerId).name}`);
    return job;
  }

  /**
   * Jobs kept from earlier runs that are older than the manager's oldest job are gone (its GC removed
   * them); one request for the last entry of the list says how far back the manager still goes.
   */
  private async markGoneBeyondOldest(client: ManagerClient, managerId: string, total: number | null) {
    if (!this.history || !total) return;
    const kept = this.history.summaries(managerId).filter((h) => !h.entry.gone);
    if (kept.length === 0) return;
    const oldest = (await client.listJobs({ page: total, perPage: 1 })).jobs[0];
    if (!oldest) return;
    const limit = Date.parse(oldest.created_at);
    for (const h of kept) {
      if (Date.parse(h.entry.createdAt) < limit && !this.index.get(jobKey(managerId, h.jobId))?.gone) {
        this.index.markGone(jobKey(managerId, h.jobId));
        this.history.put(managerId, { ...h, detail: null, entry: { ...h.entry, gone: true } });
      }
    }
  }

  /** Read one job in full; a 404 marks it gone from the manager. */
  private async fetchOne(client: ManagerClient, managerId: string, jobId: number): Promise<Job | null> {
    try {
      const job = await client.getJob(jobId);
      const targets = jobClustersFromDetail(job);
      if (targets) this.cache.set(managerId, job.id, targets);
      this.ingest(managerId, [job]);
      return job;
    } catch (err) {
      if (err instanceof DeskError && err.code === 'manager_not_found') {
        this.index.markGone(jobKey(managerId, jobId));
        const h = this.history?.summary(managerId, jobId);
        if (h && !h.entry.gone) this.history!.put(managerId, { ...h, detail: null, entry: { ...h.entry, gone: true } });
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
        for (const e of this.index.entriesOf(f.managerId)) if (e.createdMs < oldest) oldest = e.createdMs;
        if (!best || oldest > best.oldest) best = { id: f.managerId, oldest };
      }
      if (!best) return 0;
      target = best.id;
    }
    return this.run(target, async (client, feed) => {
      if (!this.hasMore(feed)) return 0;
      const page = feed.pagesLoaded + 1;
      const res = await client.listJobs({ page, perPage: this.perPage });
      this.ingestPage(feed, res.jobs);
      feed.pagesLoaded = page;
      feed.lastPage = res.lastPage;
      return res.jobs.length;
    });
  }

  /**
   * Load further pages of every manager while `more(feed)` holds; managers side by side, the pages of
   * one in order. A first load still running is waited for: it decides whether there is more.
   */
  private async loadPagesWhile(more: (f: Feed) => boolean): Promise<number> {
    const counts = await Promise.all(
      [...this.feeds.keys()].map(async (id) => {
        let n = 0;
        for (;;) {
          await this.feeds.get(id)?.chain;
          const f = this.feeds.get(id);
          if (!f || !this.hasMore(f) || f.error || !more(f)) return n;
          const got = await this.loadMore(id).catch(() => 0);
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

  /** Fill in targeted clusters of rows on screen: cached forever once learned, fetched at most once a minute on error. */
  async resolveTargets(refs: JobRef[]): Promise<number> {
    const todo = refs.filter((r) => {
      const key = jobKey(r.managerId, r.jobId);
      const e = this.index.get(key);
      if (!e || e.clusterIds || e.gone || this.targetInflight.has(key) || !this.feeds.has(r.managerId)) return false;
      const failedAt = this.targetFailures.get(key);
      return failedAt === undefined || this.now() - failedAt > TARGET_RETRY_MS;
    });
    for (const r of todo) this.targetInflight.add(jobKey(r.managerId, r.jobId));
    void mapLimit(todo, 4, async (r) => {
      const key = jobKey(r.managerId, r.jobId);
      try {
        await this.fetchOne(await this.registry.client(r.managerId), r.managerId, r.jobId);
      } catch {
        this.targetFailures.set(key, this.now());
      } finally {
        this.targetInflight.delete(key);
        this.changed();
      }
    });
    return todo.length;
  }

  /** A job in full. If the manager cannot answer, the last copy seen is returned, marked stale. */
  async detail(ref: JobRef): Promise<JobDetail> {
    const key = jobKey(ref.managerId, ref.jobId);
    const record = this.registry.get(ref.managerId);
    try {
      const client = await this.registry.client(ref.managerId);
      const job = await this.fetchOne(client, ref.managerId, ref.jobId);
      if (!job) {
        throw new DeskError('manager_not_found', `Job ${ref.jobId} no longer exists on ${record.name}: it was deleted or garbage-collected`);
      }
      const feed = this.feeds.get(ref.managerId);
      const targets = jobClustersFromDetail(job);
      if (feed && targets?.some((id) => !feed.clusters.has(id))) await this.ensureClusters(client, feed, true);
      const detail = toDetail(ref.managerId, job, this.names, this.now());
      this.keepInHistory(ref.managerId, job, detail);
      this.details.delete(key);
      this.details.set(key, detail);
      if (this.details.size > DETAIL_CACHE) this.details.delete(this.details.keys().next().value as string);
      this.changed();
      return detail;
    } catch (err) {
      const last = this.details.get(key) ?? this.history?.detail(ref.managerId, ref.jobId) ?? this.historyOnly(ref);
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
    const h = this.history?.summary(ref.managerId, ref.jobId);
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
      };
    });
  }
}
