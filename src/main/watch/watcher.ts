import type { Job } from '../manager-client/wire-format';
import type { JobStatus, WatchState } from '../../shared/models';
import { DeskError } from '../../shared/result';
import { failureEntries } from '../failures/entries';
import type { FailureLog } from '../failures/failure-log';
import { toDetail } from '../jobs/detail';
import type { NameLookup } from '../jobs/job-entry';
import type { Identity, JobLedger } from '../jobs/ledger';
import { STUCK_AFTER_MS } from '../jobs/status';
import type { Log } from '../log/logger';
import type { ManagerClient } from '../manager-client/client';
import type { ManagerRegistry } from '../managers/registry';
import { tokenWarning } from '../managers/token-expiry';
import type { WatchEvent } from '../notify/policy';
import type { Disposable } from '../lifecycle/disposable';
import type { Foreground } from '../lifecycle/foreground';
import { Gate } from '../lifecycle/gate';
import { slicer } from '../lifecycle/give-way';
import { backfill, type BackfillResult } from './backfill';

/** While anything is pending: the manager itself only refreshes at 0, 30, 90, 210 s…, so faster gains nothing. */
export const BUSY_TICK_MS = 15_000;
/**
 * When nothing is pending. A job stays PENDING at least until the manager's poll at t≈30 s, so a tick
 * every 25 s sees every job pending at least once, even one created elsewhere that fails at once.
 */
export const IDLE_TICK_MS = 25_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** How a step has been failing: in a row, why last, and not before when it may run again. */
interface Retry {
  failures: number;
  error: string | null;
  at: number;
}

const retry = (): Retry => ({ failures: 0, error: null, at: 0 });

interface ManagerWatch {
  /** The manager's identity these jobs belong to; a new epoch starts a new watch. */
  epoch: number;
  /** Jobs pending at the last look, with when they were created and last updated (null: not read yet). */
  pending: Map<number, { createdMs: number; stuck: boolean; updatedAt: string | null }>;
  lastTickAt: number | null;
  /** The looks, and the backfill: each backs off on its own, and each one's error shows until it works again. */
  looks: Retry;
  backfills: Retry;
  /** What ended before this watch began has been loaded (see backfill). */
  backfilled: boolean;
  /** The backfill under way: it runs beside the ticks, which go on looking at every manager meanwhile. */
  backfilling: Promise<BackfillResult | null> | null;
}

export interface WatcherOptions {
  registry: ManagerRegistry;
  /** Where every observation goes: the ledger writes the list, the targets and the history. */
  ledger: JobLedger;
  names: NameLookup;
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
  /** Called when a backfill, which runs beside the ticks, added failure lines. */
  onBackfilled?: (failuresAdded: number) => void;
  /** Have the job list read a manager's jobs back to `since`; true once it holds all of them (see backfill). */
  listDay?: (managerId: string, since: number) => Promise<boolean>;
  /**
   * While a page of the UI loads, each backfill read, and each look at what is pending after the first
   * tick, waits for it to be quiet. The first tick's looks do not: at start they already follow the
   * overview's inventory (services.ts), and held back for the page too they ran late, while the overview
   * was being refreshed, and a first start took 150–200 ms longer (bench:cold, 2026-12-03).
   */
  foreground?: Foreground;
}

/** What one tick did, for tests and the benchmark. */
export interface TickReport {
  listCalls: number;
  /** List calls of the first look at a manager, for what ended before it (backfill). */
  backfillCalls: number;
  /** Jobs those calls read in full: the rest were in the list and the history as they are. */
  backfillRead: number;
  jobFetches: number;
  /** Pending jobs read in full from the lists: new to the watch, or updated since its last look. */
  pendingRead: number;
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
  /** Two managers' backfill pages at a time: the first look at ten new managers must not starve the UI. */
  private readonly backfillPages: Gate;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<{ report: TickReport; backfills: Promise<BackfillResult | null>[] }> | null = null;
  private nextTickMs = 0;
  private disposed = false;
  private ticked = false;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly registry: ManagerRegistry;
  private readonly ledger: JobLedger;
  private readonly failures: FailureLog;
  private readonly offEpochs: () => void;

  constructor(private readonly opts: WatcherOptions) {
    ({ registry: this.registry, ledger: this.ledger, failures: this.failures } = opts);
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    const fg = opts.foreground;
    this.backfillPages = new Gate(2, fg && (() => fg.quiet()));
    // A manager that starts afresh (new address, reset database): what was pending belonged to the old one.
    this.offEpochs = this.ledger.epochs.on(({ managerId }) => this.state.delete(managerId));
  }

  private watch(managerId: string): ManagerWatch {
    const epoch = this.ledger.epoch(managerId);
    let w = this.state.get(managerId);
    if (!w || w.epoch !== epoch) {
      // Jobs the history last saw pending are checked on the first look: they may have ended while the app was closed.
      const pending = new Map(this.ledger.pendingInHistory(managerId).map((p) => [p.jobId, { createdMs: p.createdMs, stuck: p.stuck, updatedAt: null }]));
      w = { epoch, pending, lastTickAt: null, looks: retry(), backfills: retry(), backfilled: false, backfilling: null };
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

  /** Stop ticking, and let a tick and the backfills already under way finish their writes. */
  async dispose() {
    this.stop();
    this.disposed = true;
    this.offEpochs();
    await this.running?.catch(() => undefined);
    await Promise.all([...this.state.values()].map((w) => w.backfilling));
  }

  private schedule(delay: number) {
    if (this.disposed) return;
    this.stop();
    this.nextTickMs = this.now() + delay;
    this.timer = setTimeout(() => {
      void this.lookAll().finally(() => this.schedule(this.nextDelay()));
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

  /** A tick, and the backfills it started (tests, the UI's refresh): ticks on a timer do not wait for them. */
  async tick(): Promise<TickReport> {
    const { report, backfills } = await this.lookAll();
    const found = await Promise.all(backfills);
    return {
      ...report,
      backfillCalls: found.reduce((n, f) => n + (f?.listCalls ?? 0), 0),
      backfillRead: found.reduce((n, f) => n + (f?.read ?? 0), 0),
    };
  }

  /** One look at every manager; a tick already running is shared. */
  private lookAll() {
    this.running ??= this.tickOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async tickOnce(): Promise<{ report: TickReport; backfills: Promise<BackfillResult | null>[] }> {
    const report: TickReport = { listCalls: 0, backfillCalls: 0, backfillRead: 0, jobFetches: 0, pendingRead: 0, transitions: [] };
    const events: WatchEvent[] = [];
    const backfills: Promise<BackfillResult | null>[] = [];
    let added = 0;
    const first = !this.ticked;
    this.ticked = true;
    const ids = this.registry.all().map((r) => r.id);
    for (const id of [...this.state.keys()]) if (!ids.includes(id)) this.state.delete(id);
    await Promise.all(
      ids.map(async (managerId) => {
        const w = this.watch(managerId);
        if (this.now() < w.looks.at) return;
        try {
          const client = await this.registry.client(managerId);
          // A manager just added is looked at in a later tick: its first PENDING pages let a loading page go first.
          if (!first) await this.opts.foreground?.quiet();
          added += await this.look(managerId, client, w, report, events);
          if (!w.backfilled && !w.backfilling && this.now() >= w.backfills.at) backfills.push(this.startBackfill(managerId, client, w));
          w.looks = retry();
        } catch (err) {
          this.failed(w.looks, (err as Error).message);
        } finally {
          w.lastTickAt = this.now();
        }
      }),
    );
    if (events.length) await this.opts.onEvents(events);
    this.opts.onTick(this.states(), added);
    return { report, backfills };
  }

  /**
   * Load what ended before this watch began, beside the ticks: a first look at ten managers of 10,000
   * jobs takes half a minute, and awaited in the tick it left every other manager unwatched for that long
   * (27 s between looks at 3 s ticks, a probe of 2026-12-03). A failure is tried again after a backoff.
   */
  private startBackfill(managerId: string, client: ManagerClient, w: ManagerWatch): Promise<BackfillResult | null> {
    const name = this.registry.get(managerId).name;
    let added = 0;
    const run = backfill({
      client,
      ledger: this.ledger,
      names: this.opts.names,
      identity: { managerId, epoch: w.epoch },
      managerName: name,
      watched: new Set(w.pending.keys()),
      now: this.now(),
      pages: this.backfillPages,
      onFound: (entries) => void (added += this.failures.append(entries).length),
      listDay: this.opts.listDay && ((since) => this.opts.listDay!(managerId, since)),
    })
      .then((found) => {
        w.backfilled = true;
        w.backfills = retry();
        return found;
      })
      .catch((err: unknown) => {
        this.failed(w.backfills, `${name}: the jobs that ended before the watch began could not be loaded, so the failure log lacks their failures: ${(err as Error).message}`);
        return null;
      })
      .finally(() => {
        w.backfilling = null;
        if (added) this.opts.onBackfilled?.(added);
      });
    w.backfilling = run;
    return run;
  }

  /** Record a failure, and back off: doubling from one busy tick, jittered so managers spread. */
  private failed(r: Retry, error: string) {
    r.failures++;
    r.error = error;
    const backoff = Math.min(MAX_BACKOFF_MS, BUSY_TICK_MS * 2 ** (r.failures - 1));
    r.at = this.now() + Math.round(backoff * (0.8 + this.random() * 0.4));
    this.opts.log?.(`watch: ${error} (next try in ${Math.round((r.at - this.now()) / 1000)} s)`);
  }

  private async look(managerId: string, client: ManagerClient, w: ManagerWatch, report: TickReport, events: WatchEvent[]): Promise<number> {
    const name = this.registry.get(managerId).name;
    const id: Identity = { managerId, epoch: w.epoch };
    let page = 1;
    // Read in full: jobs new to the watch, or updated since it last read them.
    const pendingNow: Job[] = [];
    const ids = new Set<number>();
    const known = (jobId: number, updatedAt: string) => w.pending.get(jobId)?.updatedAt === updatedAt;
    for (;;) {
      report.listCalls++;
      const res = await client.listJobs({ page, perPage: 1000, state: 'PENDING' }, known);
      pendingNow.push(...res.jobs);
      report.pendingRead += res.jobs.length;
      for (const job of res.jobs) ids.add(job.id);
      for (const u of res.unchanged) ids.add(u.id);
      if (page >= res.lastPage) break;
      page++;
    }
    // The manager started afresh while we asked (or this read shows its database was reset): stop here.
    if (!this.ledger.observe(id, pendingNow)) return 0;
    const now = this.now();
    const at = new Date(now).toISOString();
    const giveWay = slicer();
    for (const job of pendingNow) {
      const p = w.pending.get(job.id);
      if (p) p.updatedAt = job.updated_at;
      else {
        w.pending.set(job.id, { createdMs: Date.parse(job.created_at), stuck: false, updatedAt: job.updated_at });
        this.ledger.transition(id, job, { at, from: null, to: 'pending' });
        await giveWay();
      }
    }
    let added = 0;
    for (const [jobId, p] of [...w.pending]) {
      const description = this.ledger.historySummary(managerId, jobId)?.entry.description ?? '';
      if (ids.has(jobId)) {
        if (!p.stuck && now - p.createdMs > STUCK_AFTER_MS) {
          p.stuck = true;
          this.ledger.mark(id, jobId, { at, from: 'pending', to: 'stuck' });
          report.transitions.push({ managerId, jobId, from: 'pending', to: 'stuck' });
          added += this.failures.append([this.lifeEvent(managerId, name, jobId, description, at, 'stuck', 'Pending for more than 65 minutes: the manager stopped watching it (a restart?)')]).length;
          events.push({ managerId, managerName: name, jobId, kind: 'stuck', description, reason: 'pending for more than 65 minutes' });
        }
        continue;
      }
      // It left PENDING since the last look: read it once, in full.
      report.jobFetches++;
      let job: Job;
      try {
        job = await client.getJob(jobId);
      } catch (err) {
        if (!(err instanceof DeskError) || (err.code !== 'manager_not_found' && err.code !== 'bad_response')) throw err;
        w.pending.delete(jobId);
        if (err.code === 'manager_not_found') {
          this.ledger.gone(id, jobId, { at });
          report.transitions.push({ managerId, jobId, from: 'pending', to: 'gone' });
          events.push({ managerId, managerName: name, jobId, kind: 'gone', description, reason: 'the manager deleted it before it finished (restart or garbage collection)' });
          added += this.failures.append([this.lifeEvent(managerId, name, jobId, description, at, 'gone', 'Vanished while pending: the manager no longer has this job (deleted, restarted or garbage-collected)')]).length;
        } else {
          // One job the client cannot read must not hold up the others: it is set aside, once.
          this.ledger.mark(id, jobId, { at, from: 'pending', to: 'unreadable' });
          report.transitions.push({ managerId, jobId, from: 'pending', to: 'unreadable' });
          added += this.failures.append([this.lifeEvent(managerId, name, jobId, description, at, 'job_error', `Could not be read: ${err.message}`)]).length;
        }
        continue;
      }
      if (!this.ledger.observe(id, [job], true)) return added;
      w.pending.delete(jobId);
      const detail = toDetail(managerId, job, this.opts.names, now);
      const to = detail.row.status;
      this.ledger.transition(id, job, { at, from: 'pending', to }, detail);
      report.transitions.push({ managerId, jobId, from: 'pending', to });
      if (to === 'failed' || to === 'timed_out' || to === 'partial' || to === 'unconfirmed') {
        const entries = failureEntries(detail, name, at);
        added += this.failures.append(entries).length;
        events.push({ managerId, managerName: name, jobId, kind: to, description: job.bio, reason: entries[0]?.text ?? '' });
      }
    }
    return added;
  }

  private lifeEvent(managerId: string, managerName: string, jobId: number, description: string, at: string, kind: 'stuck' | 'gone' | 'job_error', text: string) {
    return { at, managerId, managerName, jobId, jobDescription: description, cluster: null, kind, hostname: '', ip: '', url: '', text, seenAtStart: false };
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
        ok: !w?.looks.error && !w?.backfills.error,
        error: w?.looks.error ?? w?.backfills.error ?? null,
        pending: w?.pending.size ?? 0,
        lastTickAt: w?.lastTickAt ? new Date(w.lastTickAt).toISOString() : null,
        // A backed-off manager waits for its own time; the others for the next tick.
        nextTickAt: this.timer ? new Date(Math.max(w?.looks.at ?? 0, upcoming)).toISOString() : null,
        tokenExpiresAt: expires,
        warnings,
      };
    });
  }

  pendingCount(): number {
    return [...this.state.values()].reduce((n, w) => n + w.pending.size, 0);
  }
}
