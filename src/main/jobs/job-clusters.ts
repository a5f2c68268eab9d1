import type { Job } from '../manager-client/wire-format';

/** Cluster ids a list item reveals by itself: only a SUCCESS job names every cluster in its results. */
export function jobClustersFromResults(job: Job): number[] | null {
  if (job.state !== 'SUCCESS') return null;
  const states = job.result?.job_states ?? [];
  if (states.length === 0) return null;
  const ids = new Set<number>();
  for (const s of states) {
    const id = s.results[0]?.scheduler_cluster_id;
    if (typeof id !== 'number') return null;
    ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** Targets of a job read in full (GET preloads `scheduler_clusters`), or null when it did not say. */
export function jobClustersFromDetail(job: Job): number[] | null {
  if (job.scheduler_clusters.length === 0) return jobClustersFromResults(job);
  return job.scheduler_clusters.map((c) => c.id).sort((a, b) => a - b);
}

type TaskLike = { results: { scheduler_cluster_id?: number | null | undefined }[]; error: string };

/**
 * Which cluster each task (one per targeted cluster) belongs to. A task names its cluster in its
 * results (SUCCESS) or often in its error text ("cluster 2 scheduler …"); otherwise, when exactly
 * one task and one targeted cluster are left unclaimed, they belong together.
 */
export function attributeTasks(states: TaskLike[], targets: number[] | null): (number | null)[] {
  const out = states.map((s) => {
    const fromResult = s.results[0]?.scheduler_cluster_id;
    if (typeof fromResult === 'number') return fromResult;
    const named = /\bcluster (\d+)\b/.exec(s.error)?.[1];
    return named ? Number(named) : null;
  });
  const unclaimed = (targets ?? []).filter((id) => !out.includes(id));
  const open = out.flatMap((id, i) => (id === null ? [i] : []));
  if (open.length === 1 && unclaimed.length === 1) out[open[0]!] = unclaimed[0]!;
  return out;
}
