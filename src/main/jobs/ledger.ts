import { join } from 'node:path';
import { z } from 'zod';
import { maskUrlsInText } from '../../shared/masking';
import type { JobDetail } from '../../shared/models';
import type { HistoryStore, HistorySummary, Transition } from '../history/history-store';
import { Emitter } from '../lifecycle/emitter';
import type { Job } from '../manager-client/wire-format';
import { VersionedJsonFile } from '../storage/versioned-json';
import type { JobClustersCache } from './job-clusters-cache';
import { jobClustersFromDetail } from './job-clusters';
import { entryFromHistory, timeMs, toEntry, type JobEntry } from './job-entry';
import { JobIndex } from './job-index';
import { JobListCache, cachedRow, type CachedRow } from './job-list-cache';
import { Debouncer } from '../lifecycle/debounce';
import type { Disposable } from '../lifecycle/disposable';
import type { SeedSightings, SeenSeedPeer } from './seed-sightings';

const IdentityFile = z.object({
  version: z.literal(1),
  /** managerId → the identity its jobs were recorded under. */
  managers: z.record(z.string(), z.object({ epoch: z.number().int().min(1), origin: z.string() })),
});

/** How long a gone job the history did not keep stays in the list: the overview's longest range. */
const GONE_KEPT_MS = 30 * 86400_000;
/** The list's cache of ended jobs is written this long after a change, or when the app stops. */
const LIST_SAVE_DELAY_MS = 30_000;

/** Which manager a record belongs to: the configured manager, in one of its lives. */
export interface Identity {
  managerId: string;
  epoch: number;
}

export interface LedgerOptions {
  dataDir: string;
  clusters: JobClustersCache;
  history: HistoryStore;
  /** Filled from the history as it loaded; the ledger adds what it reads from then on. */
  sightings: SeedSightings;
  now?: () => number;
  log?: (line: string) => void;
  /** The merged list changed. */
  onChanged: () => void;
}

/** What a job looked like to the history, kept for the list and for later transitions. */
const storedEntry = (e: JobEntry): HistorySummary['entry'] => ({
  state: e.state,
  status: e.status,
  kind: e.kind,
  urls: e.urls,
  description: e.description,
  createdAt: new Date(e.createdMs).toISOString(),
  updatedAt: new Date(e.updatedMs).toISOString(),
  clusterIds: e.clusterIds,
  failedPeers: e.failedPeers,
  gone: e.gone,
});

/**
 * The one owner of what the app knows about jobs: the merged index, the targets learned per job, the
 * history on disk, which jobs are gone, and identity. The job list (paging) and the watcher (ticks)
 * only report what they read; every write goes through here.
 *
 * Identity is the manager's id plus an epoch. A new address, or a database that was reset (a known job
 * id comes back with another creation time), starts a new epoch: the index, the targets and the
 * history of the old one are put away, and reads begun under the old epoch are ignored, so old ids are
 * never pinned on new jobs.
 */
export class JobLedger implements Disposable {
  readonly index = new JobIndex();
  private identities: z.infer<typeof IdentityFile>['managers'] = {};
  private readonly file: VersionedJsonFile<typeof IdentityFile>;
  private readonly clusters: JobClustersCache;
  private readonly history: HistoryStore;
  private readonly now: () => number;
  /** A manager started a new epoch: whoever keeps per-manager state starts afresh. */
  readonly epochs = new Emitter<Identity & { reason: string }>();
  private readonly sightings: SeedSightings;
  notice: string | null = null;
  private readonly listCache: JobListCache;
  /** Managers whose ended jobs changed since the list's cache was written. */
  private readonly unsaved = new Set<string>();
  private readonly listSaver = new Debouncer(LIST_SAVE_DELAY_MS, () => void this.saveList());
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly opts: LedgerOptions) {
    this.file = new VersionedJsonFile(join(opts.dataDir, 'job-identity.json'), IdentityFile, () => ({ version: 1, managers: {} }));
    this.clusters = opts.clusters;
    this.history = opts.history;
    this.sightings = opts.sightings;
    this.now = opts.now ?? Date.now;
    this.listCache = new JobListCache(join(opts.dataDir, 'job-list'));
  }

  /** Read the identities, start afresh for managers whose address changed while the app was closed, then fill the list from the history. */
  async load(managers: readonly { id: string; baseUrl: string }[]): Promise<void> {
    const { value, setAside } = await this.file.load();
    this.identities = value.managers;
    if (setAside) this.notice = `The job identities could not be read (${setAside.reason}); they were set aside as ${setAside.path}.`;
    await this.sync(managers);
    for (const h of this.history.summaries()) if (this.identities[h.managerId]) this.index.upsert(entryFromHistory(h));
    // Then the ended jobs the list held when the app closed, where the history has none of its own.
    const horizon = this.now() - GONE_KEPT_MS;
    for (const [managerId, { epoch }] of Object.entries(this.identities)) {
      for (const e of await this.listCache.load(managerId, epoch)) {
        if (e.createdMs >= horizon && !this.index.get(managerId, e.id)) this.index.upsert(e);
      }
    }
    this.sightings.keepOnly((managerId) => !!this.identities[managerId]);
    this.opts.onChanged();
  }

  private touched(managerId: string) {
    this.unsaved.add(managerId);
    this.listSaver.schedule();
  }

  /** Write the list's cache of each manager whose ended jobs changed: what the history does not keep. */
  private saveList(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const horizon = this.now() - GONE_KEPT_MS;
      for (const managerId of [...this.unsaved]) {
        this.unsaved.delete(managerId);
        const identity = this.identities[managerId];
        if (!identity) continue;
        const rows: CachedRow[] = [];
        this.index.forEachOf(managerId, (e) => {
          if (e.status !== 'pending' && e.createdMs >= horizon && !this.history.summary(managerId, e.id)) rows.push(cachedRow(e));
        });
        await this.listCache.save(managerId, identity.epoch, rows).catch((err: Error) => this.opts.log?.(`jobs: the list's cache of ${managerId} was not written: ${err.message}`));
      }
    });
    return this.saving;
  }

  async dispose() {
    this.listSaver.cancel();
    await this.saveList();
  }

  /** Seed peers that confirmed a preheat in this cluster in the last 24 h, newest first. */
  seedPeersSeen(managerId: string, clusterId: number): SeenSeedPeer[] {
    return this.sightings.seenIn(managerId, clusterId);
  }

  epoch(managerId: string): number {
    return this.identities[managerId]?.epoch ?? 1;
  }

  identity(managerId: string): Identity {
    return { managerId, epoch: this.epoch(managerId) };
  }

  private current(id: Identity): boolean {
    return this.identities[id.managerId] !== undefined && this.epoch(id.managerId) === id.epoch;
  }

  /** Follow the configured managers: a new one gets its first epoch, a new address starts the next. */
  async sync(managers: readonly { id: string; baseUrl: string }[]): Promise<void> {
    let changed = false;
    for (const m of managers) {
      const origin = new URL(m.baseUrl).origin;
      const known = this.identities[m.id];
      if (!known) {
        this.identities = { ...this.identities, [m.id]: { epoch: 1, origin } };
        changed = true;
      } else if (known.origin !== origin) {
        this.startEpoch(m.id, origin, `its address changed from ${known.origin} to ${origin}`);
        changed = true;
      }
    }
    if (changed) await this.file.save({ version: 1, managers: this.identities });
  }

  private startEpoch(managerId: string, origin: string, reason: string) {
    const old = this.identities[managerId]!;
    this.history.archiveManager(managerId, old.epoch);
    this.identities = { ...this.identities, [managerId]: { epoch: old.epoch + 1, origin } };
    this.index.removeManager(managerId);
    this.clusters.dropManager(managerId);
    this.sightings.forget(managerId);
    this.touched(managerId);
    this.opts.log?.(`jobs: ${managerId} starts afresh (epoch ${old.epoch + 1}): ${reason}`);
    this.epochs.fire({ managerId, epoch: old.epoch + 1, reason });
    this.opts.onChanged();
  }

  /**
   * Jobs read from a manager (a list page, a full read, a create's answer). Ignored when the read began
   * under an earlier epoch. A known id with another creation time means the manager's database was
   * reset: a new epoch starts and this read is dropped. Returns whether the jobs were taken.
   */
  observe(id: Identity, jobs: readonly Job[], full = false): boolean {
    if (!this.current(id)) return false;
    for (const job of jobs) {
      const history = this.history.summary(id.managerId, job.id);
      const known = this.index.get(id.managerId, job.id)?.createdMs ?? (history ? timeMs(history.entry.createdAt) : undefined);
      if (known !== undefined && known !== timeMs(job.created_at)) {
        this.startEpoch(id.managerId, this.identities[id.managerId]!.origin, `job ${job.id} came back with another creation time (its database was reset)`);
        void this.file.save({ version: 1, managers: this.identities }).catch(() => undefined);
        return false;
      }
    }
    let changed = false;
    for (const job of jobs) {
      const targets = full ? jobClustersFromDetail(job) : null;
      if (targets && job.scheduler_clusters.length) this.clusters.set(id.managerId, job.id, targets);
      changed = this.index.upsert(toEntry(id.managerId, job, this.clusters.get(id.managerId, job.id))) || changed;
    }
    if (changed) {
      this.touched(id.managerId);
      this.opts.onChanged();
    }
    return true;
  }

  /** The manager no longer has this job (deleted or garbage-collected). `whilePending` records when a watched job vanished. */
  gone(id: Identity, jobId: number, whilePending?: { at: string }) {
    if (!this.current(id)) return;
    if (this.index.markGone(id.managerId, jobId)) {
      this.touched(id.managerId);
      this.opts.onChanged();
    }
    const h = this.history.summary(id.managerId, jobId);
    if (!h || (h.entry.gone && !whilePending)) return;
    const transitions = whilePending ? [...h.transitions, { at: whilePending.at, from: 'pending' as const, to: 'gone' as const }] : h.transitions;
    this.history.put(id.managerId, { ...h, detail: null, entry: { ...h.entry, gone: true }, transitions });
  }

  /** A watched job moved on (first seen, left PENDING, stuck, unreadable): into the history with what happened. */
  transition(id: Identity, job: Job, transition: Transition, detail: JobDetail | null = null) {
    if (!this.current(id)) return;
    const previous = this.history.summary(id.managerId, job.id);
    const e = toEntry(id.managerId, job, previous?.entry.clusterIds ?? this.clusters.get(id.managerId, job.id));
    if (detail?.row.clusters) e.clusterIds = detail.row.clusters.map((c) => c.id);
    this.sightings.sight(id.managerId, detail);
    this.history.put(id.managerId, {
      jobId: job.id,
      entry: storedEntry(e),
      transitions: [...(previous?.transitions ?? []), transition],
      detail,
      notified: previous?.notified ?? false,
      seenAt: previous?.seenAt ?? transition.at,
    });
  }

  /** A transition of a job known only from the history (stuck past 65 minutes). */
  mark(id: Identity, jobId: number, transition: Transition) {
    if (!this.current(id)) return;
    const h = this.history.summary(id.managerId, jobId);
    if (h) this.history.put(id.managerId, { ...h, detail: null, transitions: [...h.transitions, transition] });
  }

  /** An opened job is kept with its detail once it is over, so it outlives the manager's copy. */
  keepDetail(id: Identity, job: Job, detail: JobDetail) {
    if (!this.current(id)) return;
    if (detail.row.status !== 'pending') this.sightings.sight(id.managerId, detail);
    const previous = this.history.summary(id.managerId, job.id);
    const finished = detail.row.status !== 'pending';
    if (previous && previous.entry.status === detail.row.status && previous.hasDetail && previous.entry.updatedAt === job.updated_at) return;
    const r = detail.row;
    this.history.put(id.managerId, {
      jobId: job.id,
      entry: { state: r.state, status: r.status, kind: r.kind, urls: r.urls, description: r.description, createdAt: r.createdAt, updatedAt: r.updatedAt, clusterIds: r.clusters?.map((c) => c.id) ?? null, failedPeers: r.failedPeers, gone: false },
      transitions: previous?.transitions ?? [{ at: new Date(this.now()).toISOString(), from: null, to: r.status }],
      detail: finished ? detail : null,
      notified: previous?.notified ?? false,
      seenAt: previous?.seenAt ?? new Date(this.now()).toISOString(),
    });
  }

  /** Jobs the history last saw pending: the watcher checks them first, they may have ended while the app was closed. */
  pendingInHistory(managerId: string): { jobId: number; createdMs: number; stuck: boolean }[] {
    return this.history
      .summaries(managerId)
      .filter((s) => s.entry.status === 'pending' && !s.entry.gone)
      .map((s) => ({ jobId: s.jobId, createdMs: Date.parse(s.entry.createdAt), stuck: s.transitions.some((t) => t.to === 'stuck') }));
  }

  /** The index holds this job as it was when last updated at `updatedAt`, and it had ended then. */
  endedAsListed(managerId: string, jobId: number, updatedAt: string): JobEntry | null {
    const e = this.index.get(managerId, jobId);
    return e && e.status !== 'pending' && e.updatedMs !== 0 && e.updatedMs === timeMs(updatedAt) ? e : null;
  }

  historySummary(managerId: string, jobId: number) {
    return this.history.summary(managerId, jobId);
  }

  historyDetail(managerId: string, jobId: number) {
    return this.history.detail(managerId, jobId);
  }

  /**
   * Jobs older than the manager's oldest are gone: its GC removed them. A gone job the history did not
   * keep stays in the list (and the overview's outcomes) for the longest range shown, 30 days, then
   * leaves: the index holds the managers' live jobs and the history, and a bounded tail of the rest.
   */
  goneBefore(id: Identity, oldestMs: number) {
    if (!this.current(id)) return;
    const horizon = this.now() - GONE_KEPT_MS;
    const ended: number[] = [];
    const dropped: number[] = [];
    this.index.forEachOf(id.managerId, (e) => {
      if (!e.gone && e.createdMs < oldestMs) ended.push(e.id);
      else if (e.gone && e.createdMs < horizon && !this.history.summary(id.managerId, e.id)) dropped.push(e.id);
    });
    for (const jobId of ended) this.gone(id, jobId);
    let removed = false;
    for (const jobId of dropped) removed = this.index.remove(id.managerId, jobId) || removed;
    if (removed) {
      this.touched(id.managerId);
      this.opts.onChanged();
    }
  }

  /** Jobs the user deleted on their manager: out of the list and the history. */
  deleted(id: Identity, jobIds: readonly number[]) {
    if (!this.current(id)) return;
    let changed = false;
    for (const jobId of jobIds) changed = this.index.remove(id.managerId, jobId) || changed;
    this.history.forgetJobs(id.managerId, jobIds);
    if (changed) {
      this.touched(id.managerId);
      this.opts.onChanged();
    }
  }

  /** A job whose description was changed: the list and the kept copy say the new one. */
  described(id: Identity, job: Job) {
    if (!this.observe(id, [job])) return;
    const h = this.history.summary(id.managerId, job.id);
    const description = maskUrlsInText(job.bio);
    if (h && h.entry.description !== description) this.history.put(id.managerId, { ...h, detail: null, entry: { ...h.entry, description, updatedAt: job.updated_at } });
  }

  /** How many jobs are kept for a manager (the removal dialog says it). */
  keptCount(managerId: string): number {
    return this.history.count(managerId);
  }

  /** A removed manager: everything known about its jobs goes, its history files too. */
  async forget(managerId: string): Promise<void> {
    this.index.removeManager(managerId);
    this.clusters.dropManager(managerId);
    this.history.forgetManager(managerId);
    this.sightings.forget(managerId);
    const { [managerId]: _gone, ...rest } = this.identities;
    this.identities = rest;
    this.unsaved.delete(managerId);
    await this.saving;
    await this.listCache.forget(managerId);
    await this.file.save({ version: 1, managers: this.identities });
    this.opts.onChanged();
  }

}
