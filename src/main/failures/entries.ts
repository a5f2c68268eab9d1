import { maskUrl, maskUrlsInText } from '../../shared/masking';
import type { ErrorLogEntry, FailureEntry, JobRow, PeerResult } from '../../shared/models';

type NewEntry = Omit<FailureEntry, 'id'>;
type Base = Pick<NewEntry, 'at' | 'managerId' | 'managerName' | 'jobId' | 'jobDescription' | 'seenAtStart'>;

/**
 * One line, built field by field: a spread of `base` gives every line a hidden class of its own in V8,
 * about 400 bytes more per line while a backfill gathers them (heap snapshot of bench:list, 2026-12-01).
 */
const line = (b: Base, cluster: NewEntry['cluster'], kind: NewEntry['kind'], hostname: string, ip: string, url: string, text: string): NewEntry => ({
  at: b.at,
  managerId: b.managerId,
  managerName: b.managerName,
  jobId: b.jobId,
  jobDescription: b.jobDescription,
  cluster,
  kind,
  hostname,
  ip,
  url,
  text,
  seenAtStart: b.seenAtStart,
});

/** "all peers preheat failed: <group> <task> <ip> <hostname> <first failure>" names the first failing peer. */
const ALL_PEERS = /^all peers preheat failed: \S+ \S+ (\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:]+) (\S+) /;

/** What a job's failure lines are built from: the parts of its detail they read (a JobDetail fits). */
export interface FailureSource {
  row: Pick<JobRow, 'managerId' | 'id' | 'description' | 'urls' | 'status' | 'clusters'>;
  errorLog: readonly Pick<ErrorLogEntry, 'cluster' | 'error'>[];
  peers: readonly Pick<PeerResult, 'outcome' | 'cluster' | 'hostname' | 'ip' | 'url' | 'description'>[];
}

/**
 * The failure log lines a finished job contributes: each task error under its cluster, each peer that
 * failed (also inside a SUCCESS job), and a time-out with no error text.
 */
export function failureEntries(detail: FailureSource, managerName: string, at: string, seenAtStart = false): NewEntry[] {
  const row = detail.row;
  const base: Base = { at, managerId: row.managerId, managerName, jobId: row.id, jobDescription: row.description, seenAtStart };
  const out: NewEntry[] = [];
  for (const e of detail.errorLog) {
    const peer = ALL_PEERS.exec(e.error);
    out.push(line(base, e.cluster, 'job_error', peer?.[2] ?? '', peer?.[1] ?? '', row.urls[0] ?? '', maskUrlsInText(e.error)));
  }
  for (const p of detail.peers) {
    if (p.outcome !== 'failed') continue;
    out.push(line(base, p.cluster, 'peer_failure', p.hostname, p.ip, maskUrl(p.url), maskUrlsInText(p.description) || 'failed (no description)'));
  }
  // A job-wide line (no peer) sits under the job's cluster when it targets just one.
  const jobLine = (kind: 'unconfirmed' | 'timeout', text: string) => line(base, row.clusters?.length === 1 ? row.clusters[0]! : null, kind, '', '', row.urls[0] ?? '', text);
  if (row.status === 'unconfirmed') {
    out.push(
      jobLine(
        'unconfirmed',
        'No peer confirmed the content: the manager reports SUCCESS, but no seed peer or peer reported a finished task, so nothing was preheated. With the single seed peer scope the scheduler does not report per-URL errors: check that every URL can be downloaded.',
      ),
    );
  }
  if (row.status === 'timed_out' && detail.errorLog.length === 0) {
    out.push(jobLine('timeout', 'Timed out: the manager stopped watching after ~62 minutes and no scheduler had reported back (no error text)'));
  }
  return out;
}
