import { randomUUID } from 'node:crypto';
import type { Job } from '../manager-client/wire-format';
import type { ClusterRef, PreheatPreview, SubmissionTarget, SubmissionView } from '../../shared/models';
import { resolveImageRef } from '../../shared/image-ref';
import { createRequestBody, specWarnings, validateSpec, type PreheatSpec } from '../../shared/preheat-spec';
import { DeskError } from '../../shared/result';
import type { JobService } from '../jobs/job-service';
import type { Log } from '../log/logger';
import type { ManagerClient } from '../manager-client/client';
import { certainlyNotSent } from '../manager-client/errors';
import type { ManagerRegistry } from '../managers/registry';
import { explainCreateFailure } from './explain';
import { CreatePacer } from './pacer';
import { curlCommand, maskedBody } from './preview';
import { findCreatedJob } from './reconcile';
import type { ImageRegistryPasswords } from './image-registry-passwords';
import type { TargetCatalog } from './target-catalog';

/** How often a 429 is answered with a pause and another try before the target is failed. */
const MAX_RATE_LIMITED = 8;
/** How often a create that certainly never reached the manager is tried. */
const MAX_NOT_SENT = 3;
/** After a lost answer the manager may still be writing the job; look at +1.5 s, then again at +6 s. */
const RECONCILE_DELAYS_MS = [1500, 4500];
const KEEP_SUBMISSIONS = 50;

interface Run extends SubmissionTarget {
  clusterIds: number[];
}

interface Submission {
  id: string;
  createdAt: string;
  spec: PreheatSpec;
  targets: Run[];
}

export interface SubmissionOptions {
  managers: ManagerRegistry;
  catalog: TargetCatalog;
  jobs: JobService;
  passwords: ImageRegistryPasswords;
  /** A submission's targets moved on. */
  onUpdate: (view: SubmissionView) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: Log;
}

const isHttpAnswer = (err: unknown): err is DeskError => err instanceof DeskError && typeof err.details?.status === 'number';

/**
 * Submits one spec to every target manager at once, one create per manager carrying its clusters.
 * Creates are paced to each cluster's rate limit, 429s are retried with backoff and jitter, and a
 * create whose answer was lost is reconciled against the manager's newest jobs before any resend,
 * so a flaky network never makes two jobs.
 */
export class SubmissionService {
  private readonly submissions = new Map<string, Submission>();
  /** `${managerId}:${jobId}` of jobs already attributed to a submission, so two never claim one. */
  private readonly claimed = new Set<string>();
  private readonly pacer: CreatePacer;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  private readonly managers: ManagerRegistry;
  private readonly catalog: TargetCatalog;
  private readonly jobs: JobService;
  private readonly passwords: ImageRegistryPasswords;

  constructor(private readonly opts: SubmissionOptions) {
    ({ managers: this.managers, catalog: this.catalog, jobs: this.jobs, passwords: this.passwords } = opts);
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = opts.random ?? Math.random;
    this.pacer = new CreatePacer(this.now, this.sleep);
  }

  private imageRegistryOf(spec: PreheatSpec): string | null {
    if (spec.kind !== 'image' || !spec.image.username) return null;
    const ref = resolveImageRef(spec.image.reference);
    return ref.ok ? ref.registry : null;
  }

  /** The user id a JWT login creates jobs as; a PAT login sends none. */
  private async userId(client: ManagerClient): Promise<number | null> {
    if (client.auth.kind !== 'password') return null;
    await client.auth.authorization();
    return client.auth.session()?.userId ?? null;
  }

  private targetsOf(spec: PreheatSpec) {
    return spec.targets.filter((t) => t.clusterIds.length > 0);
  }

  async preview(spec: PreheatSpec, registryPasswordGiven: boolean): Promise<PreheatPreview> {
    const imageRegistry = this.imageRegistryOf(spec);
    const stored = imageRegistry ? await this.passwords.has(imageRegistry, spec.image.username) : false;
    const withPassword = registryPasswordGiven || stored;
    const requests = await Promise.all(
      this.targetsOf(spec).map(async (t) => {
        const record = this.managers.get(t.managerId);
        const client = await this.managers.client(t.managerId);
        const userId = await this.userId(client).catch(() => null);
        const body = createRequestBody(spec, t.clusterIds, { registryPassword: withPassword ? 'masked' : null, userId });
        const url = client.http.url(`${client.apiBase}/jobs`);
        return { managerId: t.managerId, managerName: record.name, method: 'POST' as const, url, body: JSON.stringify(maskedBody(body), null, 2), curl: curlCommand(url, body) };
      }),
    );
    return {
      issues: validateSpec(spec),
      warnings: specWarnings(spec, { registryPassword: withPassword }),
      requests,
      storedRegistryPassword: stored,
    };
  }

  async submit(spec: PreheatSpec, registryPassword: string | undefined, remember: boolean): Promise<SubmissionView> {
    const issues = validateSpec(spec);
    for (const t of spec.targets) {
      if (!this.managers.all().some((r) => r.id === t.managerId)) issues.push({ path: 'targets', message: `A target manager is no longer configured (${t.managerId})` });
    }
    if (issues.length) {
      throw new DeskError('invalid_input', issues.length === 1 ? issues[0]!.message : `The preheat has ${issues.length} problems; each is shown on its field`, {
        fields: issues,
      });
    }
    const imageRegistry = this.imageRegistryOf(spec);
    let password = registryPassword ?? null;
    if (imageRegistry && password && remember) await this.passwords.remember(imageRegistry, spec.image.username, password);
    if (imageRegistry && !password) password = await this.passwords.get(imageRegistry, spec.image.username);

    const targets = await this.catalog.list().catch(() => []);
    const clusterName = (managerId: string, id: number) =>
      targets.find((m) => m.managerId === managerId)?.clusters.find((c) => c.id === id)?.name ?? this.jobs.names.cluster(managerId, id);
    const sub: Submission = {
      id: randomUUID(),
      createdAt: new Date(this.now()).toISOString(),
      spec,
      targets: this.targetsOf(spec).map((t) => ({
        managerId: t.managerId,
        managerName: this.managers.get(t.managerId).name,
        clusterIds: t.clusterIds,
        clusters: t.clusterIds.map((id): ClusterRef => ({ id, name: clusterName(t.managerId, id) })),
        state: 'queued',
        attempts: 0,
        rateLimited: 0,
        jobId: null,
        error: null,
        log: [],
      })),
    };
    this.submissions.set(sub.id, sub);
    if (this.submissions.size > KEEP_SUBMISSIONS) this.submissions.delete(this.submissions.keys().next().value as string);
    this.publish(sub);
    for (const run of sub.targets) {
      void this.runTarget(sub, run, password).catch((err) => {
        this.fail(sub, run, err);
      });
    }
    return this.view(sub);
  }

  get(id: string): SubmissionView {
    const sub = this.submissions.get(id);
    if (!sub) throw new DeskError('not_found', 'This submission is no longer known (the app restarted since); its jobs are in the preheat list');
    return this.view(sub);
  }

  private view(sub: Submission): SubmissionView {
    const s = sub.spec;
    return {
      id: sub.id,
      createdAt: sub.createdAt,
      kind: s.kind,
      description: s.description,
      urls: s.kind === 'image' ? [resolveImageRef(s.image.reference).ok ? (resolveImageRef(s.image.reference) as { manifestUrl: string }).manifestUrl : s.image.reference] : s.files.filter(Boolean),
      targets: sub.targets.map(({ clusterIds: _ids, ...t }) => ({ ...t, log: [...t.log] })),
      done: sub.targets.every((t) => t.state === 'created' || t.state === 'failed'),
    };
  }

  private publish(sub: Submission) {
    this.opts.onUpdate(this.view(sub));
  }

  private step(sub: Submission, run: Run, state: Run['state'], text: string) {
    run.state = state;
    run.log.push({ at: new Date(this.now()).toISOString(), text });
    this.opts.log?.(`submission ${sub.id.slice(0, 8)} ${run.managerName}: ${text}`);
    this.publish(sub);
  }

  private fail(sub: Submission, run: Run, err: unknown) {
    const explained = explainCreateFailure(
      err,
      sub.spec,
      run.managerName,
      run.clusters.map((c) => c.name ?? `#${c.id}`),
    );
    run.error = explained;
    this.step(sub, run, 'failed', explained.message);
  }

  private created(sub: Submission, run: Run, job: Job, how: string) {
    run.jobId = job.id;
    this.claimed.add(`${run.managerId}:${job.id}`);
    this.jobs.recordCreated(run.managerId, job);
    const used = job.scheduler_clusters.map((c) => c.id);
    const skipped = run.clusters.filter((c) => used.length > 0 && !used.includes(c.id));
    this.step(
      sub,
      run,
      'created',
      `${how} job ${job.id}${skipped.length ? `; the manager skipped ${skipped.map((c) => c.name ?? `#${c.id}`).join(', ')} (no active scheduler with the preheat feature)` : ''}`,
    );
  }

  private async runTarget(sub: Submission, run: Run, password: string | null) {
    const client = await this.managers.client(run.managerId);
    const body = createRequestBody(sub.spec, run.clusterIds, { registryPassword: password, userId: await this.userId(client) });
    const clusters = run.clusterIds.map((id) => ({ id, perSecond: this.catalog.rateLimit(run.managerId, id) }));
    let backoff = 500;
    let notSent = 0;
    for (;;) {
      this.step(sub, run, 'queued', run.attempts === 0 ? 'Waiting for room under the clusters\' rate limit' : 'Waiting to send again');
      await this.pacer.acquire(run.managerId, clusters);
      run.attempts++;
      this.step(sub, run, 'sending', `Sending (attempt ${run.attempts})`);
      const sentAt = this.now();
      try {
        const job = await client.createJob(body);
        this.created(sub, run, job, 'Created');
        return;
      } catch (err) {
        if (isHttpAnswer(err) && err.code === 'rate_limited') {
          run.rateLimited++;
          if (run.rateLimited >= MAX_RATE_LIMITED) throw err;
          const wait = Math.round(backoff * (0.75 + this.random() * 0.5));
          this.step(sub, run, 'rate_limited', `Rate limited by the manager (429); trying again in ${(wait / 1000).toFixed(1)} s`);
          await this.sleep(wait);
          backoff = Math.min(backoff * 2, 8000);
          continue;
        }
        if (isHttpAnswer(err)) throw err;
        if (certainlyNotSent(err)) {
          if (++notSent >= MAX_NOT_SENT) throw err;
          this.step(sub, run, 'queued', `${(err as DeskError).message}; trying again`);
          await this.sleep(backoff * notSent);
          continue;
        }
        // The request may have reached the manager: find out before sending anything again.
        this.step(sub, run, 'reconciling', `The answer was lost (${(err as Error).message}); checking whether the manager created the job`);
        const found = await this.reconcile(run, client, body, sentAt);
        if (found) {
          this.created(sub, run, found, 'The manager had created it:');
          return;
        }
        this.step(sub, run, 'queued', 'The manager did not create it; sending again');
      }
    }
  }

  /** The job the lost create made, or null once two looks found none. Gives up only if the manager cannot be asked. */
  private async reconcile(run: Run, client: ManagerClient, body: Record<string, unknown>, sentAt: number): Promise<Job | null> {
    let failures = 0;
    for (let i = 0; i < RECONCILE_DELAYS_MS.length; ) {
      await this.sleep(RECONCILE_DELAYS_MS[i]!);
      try {
        const found = await findCreatedJob(client, body, sentAt, this.claimed, (id) => `${run.managerId}:${id}`);
        if (found) return found;
        i++;
      } catch (err) {
        if (++failures >= 5) {
          throw new DeskError('unreachable', `Could not confirm whether ${run.managerName} created the preheat (${(err as Error).message}). Check its job list before trying again.`);
        }
      }
    }
    return null;
  }
}

