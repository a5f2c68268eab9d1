import type { Job } from '../manager-client/wire-format';
import type { ManagerClient } from '../manager-client/client';

/** Clocks of the app and the manager may differ; a created job is searched for within this window. */
const SKEW_MS = 10 * 60_000;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether a stored job is the one this body asked for: the fields sent, as the manager stored them. */
export function matchesRequest(job: Job, body: Record<string, unknown>): boolean {
  const args = (body.args ?? {}) as Record<string, unknown>;
  const stored = job.args ?? {};
  if (job.type !== 'preheat' || job.bio !== (body.bio ?? '')) return false;
  for (const key of ['type', 'url', 'urls', 'scope', 'tag', 'application', 'piece_length', 'platform', 'ips', 'count', 'percentage', 'username']) {
    if (key in args && !same(stored[key], args[key])) return false;
  }
  return true;
}

/**
 * After a create whose answer was lost (timeout, connection cut), find whether the manager made the job:
 * the newest preheats created around the send, with the same args and description, targeting a subset
 * of the requested clusters, and not already claimed by another submission.
 */
export async function findCreatedJob(
  client: ManagerClient,
  body: Record<string, unknown>,
  sentAt: number,
  claimed: Set<string>,
  claimKey: (id: number) => string,
): Promise<Job | null> {
  const wanted = new Set((body.scheduler_cluster_ids as number[] | undefined) ?? []);
  const { jobs } = await client.listJobs({ page: 1, perPage: 50 });
  const candidates = jobs.filter(
    (j) => !claimed.has(claimKey(j.id)) && Math.abs(Date.parse(j.created_at) - sentAt) < SKEW_MS && matchesRequest(j, body),
  );
  // Oldest first: the first of several identical sends is the one that was lost.
  for (const c of candidates.sort((a, b) => a.id - b.id)) {
    const full = await client.getJob(c.id);
    const targets = full.scheduler_clusters.map((x) => x.id);
    if (wanted.size === 0 || (targets.length > 0 && targets.every((id) => wanted.has(id)))) return full;
  }
  return null;
}
