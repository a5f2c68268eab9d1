import type { Job } from '../manager-client/wire-format';
import type { JobStatus } from '../../shared/models';

/** The manager gives up on a job after ~62.5 min (manager-api.md §3.7); pending past this is stuck. */
export const STUCK_AFTER_MS = 65 * 60_000;

export function failedPeerCount(job: Pick<Job, 'result'>): number {
  let n = 0;
  for (const s of job.result?.job_states ?? []) for (const r of s.results) n += r.failure_tasks.length;
  return n;
}

export function confirmedPeerCount(job: Pick<Job, 'result'>): number {
  let n = 0;
  for (const s of job.result?.job_states ?? []) for (const r of s.results) n += r.success_tasks.length;
  return n;
}

/**
 * The status model. It reads the top-level `state`, never `result.state` (they differ exactly when the
 * manager's poller gave up), and tells apart what the console lumps together.
 */
export function jobStatus(job: Pick<Job, 'state' | 'result'>): JobStatus {
  switch (job.state) {
    case 'PENDING':
    case 'RECEIVED':
    case 'STARTED':
    case 'RETRY':
      return 'pending';
    case 'SUCCESS':
      if (failedPeerCount(job) > 0) return 'partial';
      // Every task reported, and not one peer confirmed a download: nothing was preheated.
      if ((job.result?.job_states ?? []).length > 0 && confirmedPeerCount(job) === 0) return 'unconfirmed';
      return 'succeeded';
    case 'FAILURE': {
      const states = job.result?.job_states ?? [];
      const anyError = states.some((s) => s.error !== '');
      const groupState = job.result?.state ?? '';
      // The poller forced FAILURE while the group never left PENDING: nothing ran, nothing said why.
      if (!anyError && (groupState === '' || groupState === 'PENDING')) return 'timed_out';
      return 'failed';
    }
    default:
      return 'unknown';
  }
}

export function isStuck(status: JobStatus, createdMs: number, now: number): boolean {
  return status === 'pending' && now - createdMs > STUCK_AFTER_MS;
}
