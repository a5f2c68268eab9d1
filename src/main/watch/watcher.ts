import type { Job } from '../manager-client/wire-format';
import type { JobStatus, WatchState } from '../../shared/models';
import { DeskError } from '../../shared/result';
import { failureEntries } from '../failures/entries';
import type { FailureLog } from '../failures/failure-log';
import type { HistoryStore } from '../history/history-store';
import { toDetail } from '../jobs/detail';
import { toEntry } from '../jobs/job-entry';
import type { JobService } from '../jobs/job-service';
import { STUCK_AFTER_MS } from '../jobs/status';
import type { Log } from '../log/logger';
import type { ManagerClient } from '../manager-client/client';
import type { ManagerRegistry } from '../managers/registry';
import { tokenWarning } from '../managers/token-expiry';
import type { WatchEvent } from '../notify/policy';
import type { Disposable } from '../lifecycle/disposable';

/** While anything is pending: the manager itself only refreshes at 0, 30, 90, 210 s…, so faster gains nothing. */
export const BUSY_TICK_MS = 15_000;
/**
 * When nothing is pending. A job stays PENDING at least until the manager's poll at t≈30 s, so a tick
 * every 25 s sees every job pending at least once, even one created elsewhere that fails at once.
 */
export const IDLE_TICK_MS = 25_000;
const MAX_BACKOFF_MS = 5 * 60_000;

interface ManagerWatch {
  /** Jobs pending at the last look, with when they were created. */
  pending: Map<number, { createdMs: number; stuck: boolean }>;
  failures: number;
  nextAt: number;
  lastTickAt: number | null;
  error: string | null;
}

export interface WatcherOptions {
  registry: ManagerRegistry;
  jobs: JobService;
  history: HistoryStore;
  failures: FailureLog;
  now?: () => number;
  busyMs?: number | undefined;
  idleMs?: number | undefined;
  random?: () => number;
  log?: Log;
  /** Called with every event worth a notification, once per tick. */
  onEvents: (events: WatchEvent[]) => void | Promise<void>;
  /** Called after each tick: state per manager, and whether failures were added. */
  onTick: (states: WatchState[], failuresAdded: number) => void;
}

/** What one tick did, for tests and the benchmark. */
export interface TickReport {
  listCalls: number;
  jobFetches: number;
  transitions: { managerId: string; jobId: number; from: JobStatus | null; to: string }[];
}

/**
 * One watcher for every manager, in the main process. Each tick asks each manager for its PENDING
 * preheats (one list call; more pages only past 1,000) and reads a job in full only when it has left
 * PENDING since the last look. It notices every transition, flags jobs pending past 65 minutes and jobs
 * that vanished while pending, keeps them in the history, feeds the failure log and the notifications,
 * and backs off (with jitter) from a manager that errors without ever dropping it.
 */
export class Watcher implements Disposable {
  private readonly state = new Map<string, ManagerWatch>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickReport> | null = null;
  private nextTickMs = 0;
  private disposed = false;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly registry: ManagerRegistry;
  private readonly jobs: JobService;
  private readonly history: HistoryStore;
  private readonly failures: FailureLog;

  constructor(private readonly opts: WatcherOptions) {
    ({ registry: this.registry, jobs: this.jobs, history: this.history, failures: this.failures } = opts);
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
  }

  private watch(managerId: string): ManagerWatch {
    let w = this.state.get(managerId);
    if (!w) {
      // Jobs the history last saw pending are checked on the first look: they may have ended while the app was closed.
      const pending = new Map(
        this.history
          .summaries(managerId)
          .filter((s) => s.entry.status === 'pending' && !s.entry.gone)
          .map((s) => [s.jobId, { createdMs: Date.parse(s.entry.createdAt), stuck: s.transitions.some((t) => t.to === 'stuck') }]),
      );
      w = { pending, failures: 0, nextAt: 0, lastTickAt: null, error: null };
      this.state.set(managerId, w);
    }
    return w;
  }

  start() {
    this.schedule(0);
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stop ticking, and let a tick already under way finish its writes. */
  async dispose() {
    this.stop();
    this.disposed = true;
    await this.running?.catch(() => undefined);
  }

  private schedule(delay: number) {
    if (this.disposed) return;
    this.stop();
    this.nextTickMs = this.now() + delay;
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.schedule(this.nextDelay()));
    }, delay);
    this.timer.unref?.();
  }

  /** Run a tick now (a manager was added, or the user asked); a tick already running is shared. */
  kick() {
    this.schedule(0);
  }

  /** The next tick: busy while anything is pending, idle otherwise. A backed-off manager is skipped until its time. */
  nextDelay(): number {
    const anyPending = [...this.state.values()].some((w) => w.pending.size > 0);
    return anyPending ? (this.opts.busyMs ?? BUSY_TICK_MS) : (this.opts.idleMs ?? IDLE_TICK_MS);
  }

  tick(): Promise<TickReport> {
    this.running ??= this.tickOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async tickOnce(): Promise<TickReport> {
    const report: TickReport = { listCalls: 0, jobFetches: 0, transitions: [] };
    const events: WatchEvent[] = [];
    let added = 0;
    const ids = this.registry.all().map((r) => r.id);
    for (const id of [...this.state.keys()]) if (!ids.includes(id)) this.state.delete(id);
    await Promise.all(
      ids.map(async (managerId) => {
        const w = this.watch(managerId);
        if (this.now() < w.nextAt) return;
        try {
          const client = await this.registry.client(managerId);
          added += await this.look(managerId, client, w, report, events);
          w.failures = 0;
          w.error = null;
          w.nextAt = 0;
        } catch (err) {
          w.failures++;
          w.error = err instanceof DeskError ? err.message : (err as Error).message;
          const backoff = Math.min(MAX_BACKOFF_MS, BUSY_TICK_MS * 2 ** (w.failures - 1));
          w.nextAt = this.now() + Math.round(backoff * (0.8 + this.random() * 0.4));
          this.opts.log?.(`watch: ${w.error} (next try in ${Math.round((w.nextAt - this.now()) / 1000)} s)`);
        } finally {
          w.lastTickAt = this.now();
        }
      }),
    );
    if (events.length) await this.opts.onEvents(events);
    this.opts.onTick(this.states(), added);
    return report;
  }

  private async look(managerId: string, client: ManagerClient, w: ManagerWatch, report: TickReport, events: WatchEvent[]): Promise<number> {
    const name = this.registry.get(managerId).name;
    let page = 1;
    const pendingNow: Job[] = [];
    for (;;) {
      report.listCalls++;
      const res = await client.listJobs({ page, perPage: 1000, state: 'PENDING' });
      pendingNow.push(...res.jobs);
      if (page >= res.lastPage) break;
      page++;
    }
    const now = this.now();
    const at = new Date(now).toISOString();
    const ids = new Set(pendingNow.map((j) => j.id));
    this.jobs.recordWatched(managerId, pendingNow);
    for (const job of pendingNow) {
      if (!w.pending.has(job.id)) {
        w.pending.set(job.id, { createdMs: Date.parse(job.created_at), stuck: false });
        this.remember(managerId, job, { at, from: null, to: 'pending' });
      }
    }
    let added = 0;
    for (const [jobId, p] of [...w.pending]) {
      if (ids.has(jobId)) {
        if (!p.stuck && now - p.createdMs > STUCK_AFTER_MS) {
          p.stuck = true;
          const summary = this.history.summary(managerId, jobId);
          if (summary) this.history.put(managerId, { ...summary, detail: null, transitions: [...summary.transitions, { at, from: 'pending', to: 'stuck' }] });
          report.transitions.push({ managerId, jobId, from: 'pending', to: 'stuck' });
          added += this.failures.append([
            this.lifeEvent(managerId, name, jobId, summary?.entry.description ?? '', at, 'stuck', 'Pending for more than 65 minutes: the manager stopped watching it (a restart?)'),
          ]).length;
          events.push({ managerId, managerName: name, jobId, kind: 'stuck', description: summary?.entry.description ?? '', reason: 'pending for more than 65 minutes' });
        }
        continue;
      }
      // It left PENDING since the last look: read it once, in full.
      report.jobFetches++;
      let job: Job;
      try {
        job = await client.getJob(jobId);
      } catch (err) {
        if (err instanceof DeskError && err.code === 'manager_not_found') {
          w.pending.delete(jobId);
          added += this.vanished(managerId, name, jobId, at, report, events);
          continue;
        }
        throw err;
      }
      w.pending.delete(jobId);
      this.jobs.recordWatched(managerId, [job]);
      const detail = toDetail(managerId, job, this.jobs.names, now);
      const to = detail.row.status;
      this.remember(managerId, job, { at, from: 'pending', to }, detail);
      report.transitions.push({ managerId, jobId, from: 'pending', to });
      if (to === 'failed' || to === 'timed_out' || to === 'partial') {
        const entries = failureEntries(detail, name, at);
        added += this.failures.append(entries).length;
        events.push({ managerId, managerName: name, jobId, kind: to, description: job.bio, reason: entries[0]?.text ?? '' });
      }
    }
    return added;
  }

  private lifeEvent(managerId: string, managerName: string, jobId: number, description: string, at: string, kind: 'stuck' | 'gone', text: string) {
    return { at, managerId, managerName, jobId, jobDescription: description, cluster: null, kind, hostname: '', ip: '', url: '', text };
  }

  private vanished(managerId: string, name: string, jobId: number, at: string, report: TickReport, events: WatchEvent[]): number {
    const summary = this.history.summary(managerId, jobId);
    if (summary) {
      this.history.put(managerId, { ...summary, detail: null, entry: { ...summary.entry, gone: true }, transitions: [...summary.transitions, { at, from: 'pending', to: 'gone' }] });
    }
    this.jobs.markGone(managerId, jobId);
    report.transitions.push({ managerId, jobId, from: 'pending', to: 'gone' });
    events.push({ managerId, managerName: name, jobId, kind: 'gone', description: summary?.entry.description ?? '', reason: 'the manager deleted it before it finished (restart or garbage collection)' });
    return this.failures.append([this.lifeEvent(managerId, name, jobId, summary?.entry.description ?? '', at, 'gone', 'Vanished while pending: the manager no longer has this job (deleted, restarted or garbage-collected)')]).length;
  }

  /** Write a job and what happened to it into the history. */
  private remember(managerId: string, job: Job, transition: { at: string; from: JobStatus | null; to: JobStatus }, detail: ReturnType<typeof toDetail> | null = null) {
    const previous = this.history.summary(managerId, job.id);
    const e = toEntry(managerId, job, previous?.entry.clusterIds ?? null);
    this.history.put(managerId, {
      jobId: job.id,
      entry: { state: e.state, status: e.status, kind: e.kind, urls: e.urls, description: e.description, createdAt: e.createdAt, updatedAt: e.updatedAt, clusterIds: detail?.row.clusters?.map((c) => c.id) ?? e.clusterIds, failedPeers: e.failedPeers, gone: false },
      transitions: [...(previous?.transitions ?? []), transition],
      detail,
      notified: previous?.notified ?? false,
      seenAt: previous?.seenAt ?? transition.at,
    });
  }

  states(): WatchState[] {
    // Read during a tick, the scheduled time has passed: the next one is a delay away.
    const upcoming = this.nextTickMs > this.now() ? this.nextTickMs : this.now() + this.nextDelay();
    return this.registry.all().map((r) => {
      const w = this.state.get(r.id);
      const expires = r.auth.kind === 'pat' ? r.auth.tokenExpiresAt : null;
      const tokenWarn = tokenWarning(expires, this.now());
      const warnings = tokenWarn ? [tokenWarn] : [];
      return {
        managerId: r.id,
        managerName: r.name,
        ok: !w?.error,
        error: w?.error ?? null,
        pending: w?.pending.size ?? 0,
        lastTickAt: w?.lastTickAt ? new Date(w.lastTickAt).toISOString() : null,
        // A backed-off manager waits for its own time; the others for the next tick.
        nextTickAt: this.timer ? new Date(Math.max(w?.nextAt ?? 0, upcoming)).toISOString() : null,
        tokenExpiresAt: expires,
        warnings,
      };
    });
  }

  pendingCount(): number {
    return [...this.state.values()].reduce((n, w) => n + w.pending.size, 0);
  }
}
