import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ClusterRef, SpecIssueView } from '../../../shared/models';
import { PreheatSpec } from '../../../shared/preheat-spec';
import { writeFileAtomic } from '../../storage/atomic-file';

export const PartState = z.enum(['queued', 'sending', 'reconciling', 'created', 'refused', 'unknown', 'cancelled']);
export type PartState = z.infer<typeof PartState>;

/** States that need nothing more from the app; `unknown` waits for the user. */
export const SETTLED: readonly PartState[] = ['created', 'refused', 'unknown', 'cancelled'];

export const Candidate = z.object({ jobId: z.number(), createdAt: z.string(), description: z.string(), urls: z.array(z.string()) });
export type Candidate = z.infer<typeof Candidate>;

/** One target manager's part of a submission: one create request, sent at most once unless the user says so. */
export const OutboxPart = z.object({
  managerId: z.string(),
  managerName: z.string(),
  clusterIds: z.array(z.number()),
  clusters: z.array(ClusterRef),
  /** Rides in the sub-second part of `args.timeout`: how this part's job is recognised. */
  marker: z.number().int().min(1),
  state: PartState,
  /** Why a queued part waits, in words. */
  waiting: z.string().nullable(),
  attempts: z.number(),
  rateLimited: z.number(),
  notSent: z.number(),
  /** When a create carrying this marker first left the app: how far back a search for it reaches. */
  sentAt: z.string().nullable(),
  /**
   * When the newest create left: a late answer is waited for from here. (From the first send, a part
   * sent again after a 429 was called "probably not created" at its first look, while that create could
   * still be on its way; a send after that made two jobs.) Absent in files written before it was kept.
   */
  lastSentAt: z.string().nullable().default(null),
  jobId: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string(), fields: z.array(SpecIssueView) }).nullable(),
  /** For `unknown`: jobs around the send that look alike, for the user to check. */
  candidates: z.array(Candidate),
  /** Whether the user was told when it settled (only parts that waited are announced). */
  waited: z.boolean(),
  log: z.array(z.object({ at: z.string(), text: z.string() })),
});
export type OutboxPart = z.infer<typeof OutboxPart>;

export const OutboxSubmission = z.object({
  version: z.literal(1),
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The spec with secret header values emptied: they wait in the secret store until the parts settle. */
  spec: PreheatSpec,
  secretHeaders: z.array(z.string()),
  /** Where the registry password is: none, remembered for the registry, or kept for this submission. */
  registryPassword: z.enum(['none', 'remembered', 'submission']),
  ifUnreachable: z.enum(['queue', 'fail']),
  parts: z.array(OutboxPart),
});
export type OutboxSubmission = z.infer<typeof OutboxSubmission>;

/**
 * The outbox on disk: one versioned JSON file per submission in `outbox/`, written atomically (temp,
 * fsync, rename, fsync of the folder). A part is acknowledged when its file is written: the state a
 * restart finds is never behind what was sent.
 */
export class OutboxStore {
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly dir: string) {}

  private path(id: string) {
    return join(this.dir, `${encodeURIComponent(id)}.json`);
  }

  async load(): Promise<{ submissions: OutboxSubmission[]; notices: string[] }> {
    const submissions: OutboxSubmission[] = [];
    const notices: string[] = [];
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const path = join(this.dir, name);
      try {
        submissions.push(OutboxSubmission.parse(JSON.parse(await readFile(path, 'utf8'))));
      } catch (err) {
        const aside = `${path}.corrupt-${Date.now()}`;
        await rename(path, aside).catch(() => undefined);
        notices.push(`An outbox entry could not be read (${(err as Error).message.split('\n')[0]}); it was set aside as ${aside}. Check the managers' job lists before sending it again.`);
      }
    }
    return { submissions, notices };
  }

  /** Written in order per submission; resolves once this state is on disk. */
  save(sub: OutboxSubmission): Promise<void> {
    const data = `${JSON.stringify(sub, null, 1)}\n`;
    const next = (this.writes.get(sub.id) ?? Promise.resolve()).then(() => writeFileAtomic(this.path(sub.id), data));
    this.writes.set(
      sub.id,
      next.catch(() => undefined),
    );
    return next;
  }

  async remove(id: string): Promise<void> {
    await this.writes.get(id);
    this.writes.delete(id);
    await rm(this.path(id), { force: true });
  }

  /** Every write under way, for shutdown. */
  async settle(): Promise<void> {
    await Promise.all(this.writes.values());
  }
}
