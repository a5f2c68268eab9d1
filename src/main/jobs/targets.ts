import type { Job } from '../../shared/manager-api';

/** Cluster ids a list item reveals by itself: only a SUCCESS job names every cluster in its results. */
export function targetsFromResults(job: Job): number[] | null {
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
export function targetsFromDetail(job: Job): number[] | null {
  if (job.scheduler_clusters.length === 0) return targetsFromResults(job);
  return job.scheduler_clusters.map((c) => c.id).sort((a, b) => a - b);
}

/** Which cluster a task's error belongs to: its result, the cluster named in the text, or the only target. */
export function clusterOfTask(
  state: { results: { scheduler_cluster_id?: number | null | undefined }[]; error: string },
  targets: number[] | null,
): number | null {
  const fromResult = state.results[0]?.scheduler_cluster_id;
  if (typeof fromResult === 'number') return fromResult;
  const named = /\bcluster (\d+)\b/.exec(state.error)?.[1];
  if (named) return Number(named);
  return targets?.length === 1 ? (targets[0] ?? null) : null;
}
