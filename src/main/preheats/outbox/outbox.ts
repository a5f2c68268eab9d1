import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { resolveImageRef } from '../../../shared/image-ref';
import { isSafeHeader, maskUrl } from '../../../shared/masking';
import type { ClusterRef, SubmissionView } from '../../../shared/models';
import { createRequestBody, MARKER_MAX, validateSpec, type PreheatSpec } from '../../../shared/preheat-spec';
import { DeskError } from '../../../shared/result';
import type { JobService } from '../../jobs/job-service';
import type { Disposable } from '../../lifecycle/disposable';
import type { Log } from '../../log/logger';
import type { ManagerClient } from '../../manager-client/client';
import { certainlyNotSent } from '../../manager-client/errors';
import type { ManagerRegistry } from '../../managers/registry';
import type { SecretStore } from '../../secrets/secret-store';
import { explainCreateFailure } from '../explain';
import type { ImageRegistryPasswords } from '../image-registry-passwords';
import { CreatePacer } from '../pacer';
import type { TargetCatalog } from '../target-catalog';
import { findByMarker } from './find-by-marker';
import { OutboxStore, SETTLED, type OutboxPart, type OutboxSubmission, type PartState } from './outbox-file';

/** How often a 429 is answered with a pause and another try before a part waits longer (queue) or is refused (fail now). */
const MAX_RATE_LIMITED = 8;
/** Sends that certainly never reached the manager, before "fail now" gives up. */
const MAX_NOT_SENT = 3;
/** How long a create may take (an image makes the manager fetch its manifest inside the request). */
export const CREATE_TIMEOUT_MS = 60_000;
/** The manager's poller writes a new job at once and again 30 s later. */
const MANAGER_POLL_MS = 30_000;
/**
 * After a lost answer, a job carrying the marker can only appear while the manager may still be
 * handling that request. Past the create timeout plus two of its polls, with the manager answering,
 * no job means none will come: the part is `unknown`, for the user to check.
 */
export const RECONCILE_BOUND_MS = CREATE_TIMEOUT_MS + 2 * MANAGER_POLL_MS;
const RECHECK_MS = 5_000;
/** A queued part whose manager the watcher has not seen answer is tried again after this anyway. */
const QUEUED_RETRY_MS = 5 * 60_000;
/** Settled submissions are kept this long, for the Outbox page and links from notifications. */
const KEEP_SETTLED_MS = 7 * 86400_000;
const KEEP_LOG = 50;

export interface OutboxOptions {
  dataDir: string;
  managers: ManagerRegistry;
  catalog: TargetCatalog;
  jobs: JobService;
  passwords: ImageRegistryPasswords;
  /** Where secret header values and a registry password not remembered wait until their parts settle. */
  secrets: SecretStore;
  /** A submission changed. */
  onUpdate: (view: SubmissionView) => void;
  /** A part that had to wait settled: the user is told. */
  onSettledAfterWait?: (sub: SubmissionView, part: SubmissionView['targets'][number]) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: Log;
  /** Client deadline for one create (tests shorten it). */
  createTimeoutMs?: number;
  /** Reconciliation's bound and pace (tests shorten them). */
  reconcileBoundMs?: number;
  recheckMs?: number;
}

const isHttpAnswer = (err: unknown): err is DeskError => err instanceof DeskError && typeof err.details?.status === 'number';
const secretAccount = (subId: string, what: string) => `outbox:${subId}:${what}`;

/**
 * The outbox: every submission's parts, one per target manager, persisted before anything is sent and
 * driven to a settled state exactly once.
 *
 * - A part is written as `sending` before its create leaves, so a restart never sends it blind again.
 * - Each create carries the part's marker (see createRequestBody), so a lost answer is reconciled by
 *   finding that marker on the manager: never by likeness, so a colleague's identical job is never
 *   claimed. Reconciliation is bounded; what it cannot settle becomes `unknown` and is never re-sent on
 *   its own.
 * - A part whose create certainly never reached its manager stays queued (unless the user chose "fail
 *   now") and is sent when the manager answers again, paced to the clusters' rate limits.
 */
export class Outbox implements Disposable {
  private readonly subs = new Map<string, OutboxSubmission>();
  private readonly store: OutboxStore;
  private readonly driving = new Set<string>();
  private readonly wakers = new Map<string, Set<() => void>>();
  private readonly pacer: CreatePacer;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly boundMs: number;
  private disposed = false;
  notices: string[] = [];

  constructor(private readonly opts: OutboxOptions) {
    this.store = new OutboxStore(join(opts.dataDir, 'outbox'));
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = opts.random ?? Math.random;
    this.boundMs = opts.reconcileBoundMs ?? RECONCILE_BOUND_MS;
    this.pacer = new CreatePacer(this.now, this.sleep);
  }

  /** Read the outbox and go on with every part that was not settled: sending ones are reconciled, never re-sent. */
  async load(): Promise<void> {
    const { submissions, notices } = await this.store.load();
    this.notices = notices;
    for (const sub of submissions) this.subs.set(sub.id, sub);
    await this.prune();
    for (const sub of this.subs.values()) {
      for (const part of sub.parts) {
        if (part.state === 'sending') this.step(sub, part, 'reconciling', 'Dragonfly Desk stopped while this was being sent: checking whether the manager created it');
        this.drive(sub, part);
      }
    }
  }

  private imageRegistryOf(spec: PreheatSpec): string | null {
    if (spec.kind !== 'image' || !spec.image.username) return null;
    const ref = resolveImageRef(spec.image.reference);
    return ref.ok ? ref.registry : null;
  }

  async submit(spec: PreheatSpec, opts: { registryPassword?: string; rememberPassword: boolean; ifUnreachable: 'queue' | 'fail' }): Promise<SubmissionView> {
    const issues = validateSpec(spec);
    for (const t of spec.targets) {
      if (!this.opts.managers.all().some((r) => r.id === t.managerId)) issues.push({ path: 'targets', message: `A target manager is no longer configured (${t.managerId})` });
    }
    if (issues.length) {
      throw new DeskError('invalid_input', issues.length === 1 ? issues[0]!.message : `The preheat has ${issues.length} problems; each is shown on its field`, { fields: issues });
    }
    const id = randomUUID();
    // Secrets never reach the outbox file: secret header values and a password not remembered wait in the secret store.
    const secretHeaders = spec.headers.filter((h) => !isSafeHeader(h.name) && h.value !== '').map((h) => h.name.trim());
    for (const h of spec.headers) if (secretHeaders.includes(h.name.trim())) await this.opts.secrets.set(secretAccount(id, `header:${h.name.trim().toLowerCase()}`), h.value);
    const stored: PreheatSpec = { ...spec, headers: spec.headers.map((h) => (secretHeaders.includes(h.name.trim()) ? { ...h, value: '' } : h)) };
    const imageRegistry = this.imageRegistryOf(spec);
    let registryPassword: OutboxSubmission['registryPassword'] = 'none';
    if (imageRegistry && opts.registryPassword) {
      if (opts.rememberPassword) {
        await this.opts.passwords.remember(imageRegistry, spec.image.username, opts.registryPassword);
        registryPassword = 'remembered';
      } else {
        await this.opts.secrets.set(secretAccount(id, 'registry-password'), opts.registryPassword);
        registryPassword = 'submission';
      }
    } else if (imageRegistry && (await this.opts.passwords.has(imageRegistry, spec.image.username))) registryPassword = 'remembered';

    const names = await this.clusterNames();
    const at = new Date(this.now()).toISOString();
    const used = new Set<number>();
    const sub: OutboxSubmission = {
      version: 1,
      id,
      createdAt: at,
      updatedAt: at,
      spec: stored,
      secretHeaders,
      registryPassword,
      ifUnreachable: opts.ifUnreachable,
      parts: spec.targets
        .filter((t) => t.clusterIds.length > 0)
        .map((t) => ({
          managerId: t.managerId,
          managerName: this.opts.managers.get(t.managerId).name,
          clusterIds: t.clusterIds,
          clusters: t.clusterIds.map((c): ClusterRef => ({ id: c, name: names(t.managerId, c) })),
          marker: this.newMarker(used),
          state: 'queued' as const,
          waiting: null,
          attempts: 0,
          rateLimited: 0,
          notSent: 0,
          sentAt: null,
          lastSentAt: null,
          jobId: null,
          error: null,
          candidates: [],
          waited: false,
          log: [],
        })),
    };
    this.subs.set(id, sub);
    // Acknowledged: on disk before any create leaves.
    await this.store.save(sub);
    this.publish(sub);
    for (const part of sub.parts) this.drive(sub, part);
    return this.view(sub);
  }

  private newMarker(used: Set<number>): number {
    for (;;) {
      const m = randomInt(1, MARKER_MAX + 1);
      if (!used.has(m)) {
        used.add(m);
        return m;
      }
    }
  }

  private async clusterNames() {
    const targets = await this.opts.catalog.list().catch(() => []);
    return (managerId: string, id: number) => targets.find((m) => m.managerId === managerId)?.clusters.find((c) => c.id === id)?.name ?? this.opts.jobs.names.cluster(managerId, id);
  }

  get(id: string): SubmissionView {
    return this.view(this.sub(id));
  }

  list(): SubmissionView[] {
    return [...this.subs.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((s) => this.view(s));
  }

  /** Parts that need the user or still wait: for the navigation's badge. */
  counts(): { waiting: number; attention: number } {
    let waiting = 0;
    let attention = 0;
    for (const s of this.subs.values()) {
      for (const p of s.parts) {
        if (!SETTLED.includes(p.state)) waiting++;
        if (p.state === 'unknown') attention++;
      }
    }
    return { waiting, attention };
  }

  private sub(id: string): OutboxSubmission {
    const sub = this.subs.get(id);
    if (!sub) throw new DeskError('not_found', 'This submission is not in the outbox any more (settled submissions are kept 7 days); its jobs are in the preheat list');
    return sub;
  }

  private partsOf(sub: OutboxSubmission, managerId?: string) {
    const parts = sub.parts.filter((p) => managerId === undefined || p.managerId === managerId);
    if (parts.length === 0) throw new DeskError('not_found', 'That manager is not a target of this submission');
    return parts;
  }

  /**
   * Send again now: a queued part goes at once; an unknown or refused one is first looked for once more
   * by its marker, then sent again with the same marker, so a late answer still matches it.
   */
  async retry(id: string, managerId?: string): Promise<SubmissionView> {
    const sub = this.sub(id);
    for (const part of this.partsOf(sub, managerId)) {
      if (part.state === 'queued') this.wake(part.managerId);
      if (part.state !== 'unknown' && part.state !== 'refused') continue;
      if (part.state === 'unknown') {
        // One more look first; the user may only be told "not found" by a manager that answered.
        const found = await this.lookup(sub, part, await this.opts.managers.client(part.managerId));
        if (found.jobId !== null) {
          this.created(sub, part, found.jobId, `Found on a last look: job ${found.jobId}`);
          continue;
        }
      }
      part.error = null;
      part.rateLimited = 0;
      part.notSent = 0;
      part.candidates = [];
      this.step(sub, part, 'queued', 'Asked to send again (with the same marker, so a late answer still matches)');
      this.drive(sub, part);
    }
    await this.store.save(sub);
    return this.view(sub);
  }

  /** Cancel what has not been created: a queued or unknown part is never sent (again). */
  async cancel(id: string, managerId?: string): Promise<SubmissionView> {
    const sub = this.sub(id);
    for (const part of this.partsOf(sub, managerId)) {
      if (part.state === 'queued' || part.state === 'unknown' || part.state === 'refused') {
        this.step(sub, part, 'cancelled', 'Cancelled');
        this.wake(part.managerId);
      }
    }
    await this.settleSecrets(sub);
    await this.store.save(sub);
    return this.view(sub);
  }

  /** The watcher saw this manager answer: queued parts waiting for it go now. */
  managerAnswered(managerId: string) {
    this.wake(managerId);
  }

  private wake(managerId: string) {
    const set = this.wakers.get(managerId);
    this.wakers.delete(managerId);
    for (const w of set ?? []) w();
  }

  private waitForManager(managerId: string): Promise<void> {
    return new Promise((resolve) => {
      let set = this.wakers.get(managerId);
      if (!set) this.wakers.set(managerId, (set = new Set()));
      const done = () => {
        set!.delete(done);
        resolve();
      };
      set.add(done);
      void this.sleep(QUEUED_RETRY_MS).then(done);
    });
  }

  private view(sub: OutboxSubmission): SubmissionView {
    const s = sub.spec;
    const ref = s.kind === 'image' ? resolveImageRef(s.image.reference) : null;
    return {
      id: sub.id,
      createdAt: sub.createdAt,
      kind: s.kind,
      description: s.description,
      urls: ref ? [ref.ok ? ref.manifestUrl : s.image.reference] : s.files.filter(Boolean).map(maskUrl),
      ifUnreachable: sub.ifUnreachable,
      targets: sub.parts.map((p) => ({
        managerId: p.managerId,
        managerName: p.managerName,
        clusters: p.clusters,
        state: p.state,
        waiting: p.waiting,
        attempts: p.attempts,
        rateLimited: p.rateLimited,
        jobId: p.jobId,
        error: p.error,
        candidates: p.candidates,
        log: [...p.log],
      })),
      done: sub.parts.every((p) => SETTLED.includes(p.state)),
    };
  }

  private publish(sub: OutboxSubmission) {
    this.opts.onUpdate(this.view(sub));
  }

  /** Move a part on: in memory, on disk (awaited by the caller's next save), and to the UI. */
  private step(sub: OutboxSubmission, part: OutboxPart, state: PartState, text: string, waiting: string | null = null) {
    part.state = state;
    part.waiting = waiting;
    part.log = [...part.log, { at: new Date(this.now()).toISOString(), text }].slice(-KEEP_LOG);
    sub.updatedAt = new Date(this.now()).toISOString();
    this.opts.log?.(`outbox ${sub.id.slice(0, 8)} ${part.managerName}: ${text}`);
    this.publish(sub);
  }

  private async save(sub: OutboxSubmission) {
    await this.store.save(sub);
  }

  /** Drive one part until it settles; never twice at once. */
  private drive(sub: OutboxSubmission, part: OutboxPart) {
    const key = `${sub.id}:${part.managerId}`;
    if (this.driving.has(key) || SETTLED.includes(part.state)) return;
    this.driving.add(key);
    void this.run(sub, part)
      .catch(async (err) => {
        part.error = explainCreateFailure(err, sub.spec, part.managerName, part.clusters.map((c) => c.name ?? `#${c.id}`));
        this.step(sub, part, 'refused', part.error.message);
        await this.save(sub).catch(() => undefined);
      })
      .finally(async () => {
        this.driving.delete(key);
        if (SETTLED.includes(part.state)) await this.settled(sub, part);
      });
  }

  private async settled(sub: OutboxSubmission, part: OutboxPart) {
    if (part.waited && (part.state === 'created' || part.state === 'refused')) this.opts.onSettledAfterWait?.(this.view(sub), this.view(sub).targets.find((t) => t.managerId === part.managerId)!);
    await this.settleSecrets(sub);
    await this.prune();
  }

  /** Settled submissions older than a week leave the outbox: it never grows without bound. */
  private async prune() {
    for (const s of [...this.subs.values()]) {
      if (s.parts.every((p) => SETTLED.includes(p.state)) && this.now() - Date.parse(s.updatedAt) > KEEP_SETTLED_MS) {
        this.subs.delete(s.id);
        await this.forget(s);
      }
    }
  }

  /** Once no part can send again, the submission's own secrets go. */
  private async settleSecrets(sub: OutboxSubmission) {
    if (!sub.parts.every((p) => p.state === 'created' || p.state === 'refused' || p.state === 'cancelled')) return;
    for (const name of sub.secretHeaders) await this.opts.secrets.delete(secretAccount(sub.id, `header:${name.toLowerCase()}`)).catch(() => undefined);
    if (sub.registryPassword === 'submission') await this.opts.secrets.delete(secretAccount(sub.id, 'registry-password')).catch(() => undefined);
  }

  private async forget(sub: OutboxSubmission) {
    await this.settleSecrets({ ...sub, parts: sub.parts.map((p) => ({ ...p, state: 'cancelled' as const })) });
    await this.store.remove(sub.id);
  }

  /** The create request of a part, secrets read back from where they wait. */
  private async body(sub: OutboxSubmission, part: OutboxPart, client: ManagerClient): Promise<Record<string, unknown>> {
    const headers = await Promise.all(
      sub.spec.headers.map(async (h) =>
        sub.secretHeaders.includes(h.name.trim()) ? { ...h, value: (await this.opts.secrets.get(secretAccount(sub.id, `header:${h.name.trim().toLowerCase()}`))) ?? '' } : h,
      ),
    );
    const imageRegistry = this.imageRegistryOf(sub.spec);
    let password: string | null = null;
    if (sub.registryPassword === 'submission') password = await this.opts.secrets.get(secretAccount(sub.id, 'registry-password'));
    else if (sub.registryPassword === 'remembered' && imageRegistry) password = await this.opts.passwords.get(imageRegistry, sub.spec.image.username);
    // The login first, for a token too: one that cannot be had (none stored, a locked keychain, a refused
    // sign-in) fails here, before anything leaves, so the part is known not to have been sent.
    await client.auth.authorization();
    const userId = client.auth.kind === 'password' ? (client.auth.session()?.userId ?? null) : null;
    return createRequestBody({ ...sub.spec, headers }, part.clusterIds, { registryPassword: password, userId, marker: part.marker });
  }

  private async run(sub: OutboxSubmission, part: OutboxPart) {
    let backoff = 500;
    const nextBackoff = () => {
      backoff = Math.min(backoff * 2, 8000);
      return backoff;
    };
    while (!this.disposed && !SETTLED.includes(part.state)) {
      const client = await this.opts.managers.client(part.managerId);
      if (part.state === 'reconciling') {
        if (await this.reconcile(sub, part, client)) continue;
        await this.sleep(this.opts.recheckMs ?? RECHECK_MS);
        continue;
      }
      // queued → sending
      this.step(sub, part, 'queued', part.attempts === 0 ? "Waiting for room under the clusters' rate limit" : 'Waiting to send again');
      await this.pacer.acquire(part.managerId, part.clusterIds.map((id) => ({ id, perSecond: this.opts.catalog.rateLimit(part.managerId, id) })));
      if (SETTLED.includes(part.state) || this.disposed) return;
      let body: Record<string, unknown>;
      try {
        body = await this.body(sub, part, client);
      } catch (err) {
        await this.afterFailedSend(sub, part, err, nextBackoff, false);
        continue;
      }
      part.attempts++;
      part.lastSentAt = new Date(this.now()).toISOString();
      part.sentAt ??= part.lastSentAt;
      this.step(sub, part, 'sending', `Sending (attempt ${part.attempts})`);
      // Acknowledged before it leaves: a restart from here reconciles, never sends blind.
      await this.save(sub);
      try {
        const job = await client.createJob(body, this.opts.createTimeoutMs ?? CREATE_TIMEOUT_MS);
        this.created(sub, part, job.id, `Created job ${job.id}`);
        this.opts.jobs.recordCreated(part.managerId, job);
        await this.save(sub);
        return;
      } catch (err) {
        await this.afterFailedSend(sub, part, err, nextBackoff);
      }
    }
  }

  /** `sent`: false when the failure came before the request left (so nothing can have been created). */
  private async afterFailedSend(sub: OutboxSubmission, part: OutboxPart, err: unknown, nextBackoff: () => number, sent = true) {
    const queue = sub.ifUnreachable === 'queue';
    if (isHttpAnswer(err) && err.code === 'rate_limited') {
      // The manager's limiter refuses before anything is created: trying again is safe.
      part.rateLimited++;
      if (part.rateLimited >= MAX_RATE_LIMITED && !queue) throw err;
      const wait = part.rateLimited >= MAX_RATE_LIMITED ? MANAGER_POLL_MS : Math.round(nextBackoff() * (0.75 + this.random() * 0.5));
      this.step(sub, part, 'queued', `Rate limited by the manager (429); trying again in ${(wait / 1000).toFixed(1)} s`, 'rate limited by the manager');
      await this.save(sub);
      await this.sleep(wait);
      return;
    }
    if (isHttpAnswer(err) && (err.details?.fromManager || (err.details?.status as number) < 500)) throw err;
    const unreachable = certainlyNotSent(err);
    if (!sent || unreachable) {
      part.notSent++;
      // Unreachable, or stopped before sending (no token stored, a locked keychain): said as it is.
      const why = unreachable ? `${part.managerName} unreachable: ${(err as DeskError).message}` : (err as Error).message;
      if (!queue && part.notSent >= MAX_NOT_SENT) throw err;
      part.waited = part.waited || queue;
      this.step(sub, part, 'queued', queue ? `${why}; queued until ${unreachable ? 'it answers again' : 'it can be sent'}` : `${why}; trying again`, why);
      await this.save(sub);
      if (queue) await this.waitForManager(part.managerId);
      else await this.sleep(nextBackoff());
      return;
    }
    // The create may have reached the manager (a lost answer, a proxy's 5xx, an answer that does not fit).
    this.step(sub, part, 'reconciling', `The answer was lost (${(err as Error).message}); checking whether the manager created the job`);
    await this.save(sub);
  }

  private async lookup(sub: OutboxSubmission, part: OutboxPart, client: ManagerClient) {
    const body = createRequestBody(sub.spec, part.clusterIds, { registryPassword: null, userId: null });
    const args = body.args as { url?: string; urls?: string[] };
    const urls = args.url ? [args.url] : (args.urls ?? []);
    return findByMarker(client, { marker: part.marker, urls, sentAtMs: Date.parse(part.sentAt ?? sub.createdAt) });
  }

  /** Look for the part's marker once. True when the part settled or should be looked at again at once. */
  private async reconcile(sub: OutboxSubmission, part: OutboxPart, client: ManagerClient): Promise<boolean> {
    const sentAtMs = Date.parse(part.lastSentAt ?? part.sentAt ?? sub.createdAt);
    let found: Awaited<ReturnType<typeof findByMarker>>;
    try {
      found = await this.lookup(sub, part, client);
    } catch (err) {
      // The manager cannot be asked now: the part stays "sent, answer unknown" until it answers again.
      part.waiting = `${part.managerName} cannot be asked now (${(err as Error).message})`;
      this.publish(sub);
      await this.waitForManager(part.managerId);
      return true;
    }
    if (found.jobId !== null) {
      this.created(sub, part, found.jobId, `The manager had created it: job ${found.jobId}`);
      await this.save(sub);
      await this.opts.jobs.fetchJob({ managerId: part.managerId, jobId: found.jobId }).catch(() => undefined);
      return true;
    }
    if (this.now() - sentAtMs >= this.boundMs) {
      part.candidates = found.candidates;
      this.step(
        sub,
        part,
        'unknown',
        `No job carries this submission's marker ${Math.round((this.now() - sentAtMs) / 1000)} s after the send: it was probably not created. Check ${part.managerName}'s job list${found.candidates.length ? ` (similar: ${found.candidates.map((c) => `#${c.jobId}`).join(', ')})` : ''} before sending again.`,
      );
      await this.save(sub);
      return true;
    }
    return false;
  }

  private created(sub: OutboxSubmission, part: OutboxPart, jobId: number, text: string) {
    part.jobId = jobId;
    part.candidates = [];
    this.step(sub, part, 'created', text);
  }

  async dispose() {
    this.disposed = true;
    for (const id of [...this.wakers.keys()]) this.wake(id);
    await this.store.settle();
  }
}
