import { maskUrl, maskUrlsInText } from '../../shared/masking';
import type { FailureEntry, JobDetail } from '../../shared/models';

type NewEntry = Omit<FailureEntry, 'id'>;

/** "all peers preheat failed: <group> <task> <ip> <hostname> <first failure>" names the first failing peer. */
const ALL_PEERS = /^all peers preheat failed: \S+ \S+ (\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:]+) (\S+) /;

/**
 * The failure log lines a finished job contributes: each task error under its cluster, each peer that
 * failed (also inside a SUCCESS job), and a time-out with no error text.
 */
export function failureEntries(detail: JobDetail, managerName: string, at: string, seenAtStart = false): NewEntry[] {
  const row = detail.row;
  const base = { at, managerId: row.managerId, managerName, jobId: row.id, jobDescription: row.description, seenAtStart };
  const out: NewEntry[] = [];
  for (const e of detail.errorLog) {
    const peer = ALL_PEERS.exec(e.error);
    out.push({ ...base, cluster: e.cluster, kind: 'job_error', hostname: peer?.[2] ?? '', ip: peer?.[1] ?? '', url: row.urls[0] ?? '', text: maskUrlsInText(e.error) });
  }
  for (const p of detail.peers) {
    if (p.outcome !== 'failed') continue;
    out.push({ ...base, cluster: p.cluster, kind: 'peer_failure', hostname: p.hostname, ip: p.ip, url: maskUrl(p.url), text: maskUrlsInText(p.description) || 'failed (no description)' });
  }
  if (row.status === 'unconfirmed') {
    out.push({
      ...base,
      cluster: row.clusters?.length === 1 ? row.clusters[0]! : null,
      kind: 'unconfirmed',
      hostname: '',
      ip: '',
      url: row.urls[0] ?? '',
      text: 'No peer confirmed the content: the manager reports SUCCESS, but no seed peer or peer reported a finished task, so nothing was preheated. With the single seed peer scope the scheduler does not report per-URL errors: check that every URL can be downloaded.',
    });
  }
  if (row.status === 'timed_out' && detail.errorLog.length === 0) {
    out.push({
      ...base,
      cluster: row.clusters?.length === 1 ? row.clusters[0]! : null,
      kind: 'timeout',
      hostname: '',
      ip: '',
      url: row.urls[0] ?? '',
      text: 'Timed out: the manager stopped watching after ~62 minutes and no scheduler had reported back (no error text)',
    });
  }
  return out;
}
