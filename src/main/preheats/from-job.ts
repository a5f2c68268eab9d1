import { PreheatArgs, type Job } from '../manager-client/wire-format';
import { DEFAULT_FILTERED_QUERY_PARAMS, DEFAULT_TIMEOUT_NS, emptySpec, LIMITS, markerOfTimeout, type PreheatSpec, type Selection } from '../../shared/preheat-spec';
import { isSafeHeader, maskUrl } from '../../shared/masking';
import { jobUrls } from '../jobs/job-entry';
import { jobClustersFromDetail } from '../jobs/job-clusters';

const MIB = 1024 * 1024;

export interface SpecFromJob {
  spec: PreheatSpec;
  /** What was left out or changed, in words for the form. */
  notes: string[];
}

/**
 * A spec that preheats the same thing again. Secrets are never copied: the registry password and
 * credential header values are left empty, with a note. "Retry failed peers" keeps the scope and
 * targets the peers that failed, by IP, in the clusters where they failed.
 */
export function specFromJob(managerId: string, job: Job, mode: 'duplicate' | 'retry-failed'): SpecFromJob {
  const a = PreheatArgs.parse(job.args ?? {});
  const notes: string[] = [];
  const spec = emptySpec(a.type === 'file' ? 'file' : 'image');
  spec.description = job.bio;
  spec.targets = [{ managerId, clusterIds: jobClustersFromDetail(job) ?? [] }];
  if (spec.kind === 'image') {
    spec.image = { reference: a.url, platform: a.platform, username: a.username };
    if (a.password) notes.push('The registry password is not copied: enter it again, or leave it empty to use the stored one.');
  } else {
    // A URL's credentials (userinfo, a presigned signature) are not copied either.
    spec.files = jobUrls(a).map((u) => {
      const shown = maskUrl(u);
      if (shown !== u) notes.push(`The credentials in ${shown} are not copied: paste the URL again (a presigned URL may have expired anyway).`);
      return shown === u ? u : '';
    });
  }
  spec.pieceLengthMiB = a.piece_length && a.piece_length % MIB === 0 ? a.piece_length / MIB : null;
  spec.scope = a.scope === 'all_seed_peers' || a.scope === 'all_peers' ? a.scope : 'single_seed_peer';
  spec.selection = a.ips.length
    ? { mode: 'ips', ips: a.ips }
    : a.count
      ? { mode: 'count', count: a.count }
      : a.percentage
        ? { mode: 'percentage', percentage: a.percentage }
        : { mode: 'all' };
  spec.tag = a.tag;
  spec.application = a.application;
  // The manager writes its default list back into the job; leave it out so it applies it again.
  spec.filteredQueryParams =
    a.filtered_query_params === DEFAULT_FILTERED_QUERY_PARAMS.join('&') || a.filtered_query_params === '' ? [] : a.filtered_query_params.split('&');
  spec.headers = Object.entries(a.headers ?? {}).map(([name, value]) => {
    if (isSafeHeader(name)) return { name, value };
    notes.push(`The value of the ${name} header is not copied: enter it again.`);
    return { name, value: '' };
  });
  // A marker of the app that created the job rides in the timeout's sub-second part: not the user's choice.
  const timeout = a.timeout ? a.timeout - (markerOfTimeout(a.timeout) ?? 0) : null;
  spec.advanced = {
    concurrentTaskCount: a.concurrent_task_count && a.concurrent_task_count !== 8 ? a.concurrent_task_count : null,
    concurrentPeerCount: a.concurrent_peer_count && a.concurrent_peer_count !== 500 ? a.concurrent_peer_count : null,
    timeoutMinutes: timeout && timeout !== DEFAULT_TIMEOUT_NS ? Math.max(1, Math.round(timeout / 60e9)) : null,
  };

  if (mode === 'retry-failed') {
    const failed = new Map<string, number | null>();
    for (const s of job.result?.job_states ?? []) {
      for (const r of s.results) for (const t of r.failure_tasks) if (t.ip && !failed.has(t.ip)) failed.set(t.ip, r.scheduler_cluster_id ?? null);
    }
    const ips = [...failed.keys()];
    const keep = ips.slice(0, LIMITS.ips[1]);
    const selection: Selection = { mode: 'ips', ips: keep };
    spec.selection = selection;
    // IPs only apply to the all-peers scopes: a single-seed-peer job would send them and have them ignored.
    if (spec.scope === 'single_seed_peer') {
      spec.scope = 'all_seed_peers';
      notes.push('The job used one seed peer; the retry asks every seed peer with these IPs (the single seed peer scope ignores IPs).');
    }
    const clusters = [...new Set([...failed.values()].filter((c): c is number => c !== null))];
    if (clusters.length) spec.targets = [{ managerId, clusterIds: clusters.sort((x, y) => x - y) }];
    notes.unshift(
      ips.length > LIMITS.ips[1]
        ? `${ips.length} peers failed; the manager takes at most ${LIMITS.ips[1]} IPs, so these are the first ${LIMITS.ips[1]}. Not included: ${ips.slice(LIMITS.ips[1]).join(', ')}.`
        : `Targets the ${ips.length} peer${ips.length === 1 ? '' : 's'} that failed: ${keep.join(', ')}.`,
    );
  }
  return { spec, notes };
}
