import { isSafeHeader, maskUrl, maskUrlsInText } from '../../shared/masking';
import { PreheatArgs, type Job } from '../manager-client/wire-format';
import type { ErrorLogEntry, JobDetail, PeerResult, PreheatArgsView } from '../../shared/models';
import { clusterRefs, toEntry, toRow, type NameLookup } from './job-entry';
import { attributeTasks, jobClustersFromDetail } from './job-clusters';

const SECRET_STORAGE_FIELD = /secret|token|password|credential_path/i;

/** The args as the UI may see them: registry password, secret headers and storage keys masked. */
export function argsView(raw: Record<string, unknown> | null | undefined): PreheatArgsView {
  const parsed = PreheatArgs.safeParse(raw ?? {});
  const a = parsed.success ? parsed.data : PreheatArgs.parse({});
  return {
    type: a.type,
    url: maskUrl(a.url),
    urls: a.urls.map(maskUrl),
    platform: a.platform,
    pieceLength: a.piece_length ?? null,
    scope: a.scope,
    ips: a.ips,
    count: a.count ?? null,
    percentage: a.percentage ?? null,
    tag: a.tag,
    application: a.application,
    filteredQueryParams: a.filtered_query_params,
    // Masked by allowlist: only headers known to carry no credential are shown.
    headers: Object.entries(a.headers ?? {}).map(([name, value]) => (isSafeHeader(name) ? { name, value, masked: false } : { name, value: null, masked: true })),
    username: a.username,
    passwordStoredOnManager: a.password !== '',
    timeoutNs: a.timeout ?? null,
    concurrentTaskCount: a.concurrent_task_count ?? null,
    concurrentPeerCount: a.concurrent_peer_count ?? null,
    objectStorage: Object.entries(a.object_storage ?? {})
      .filter(([, v]) => v !== null && v !== '' && v !== undefined)
      .map(([name, v]) =>
        SECRET_STORAGE_FIELD.test(name) ? { name, value: null, masked: true } : { name, value: String(v), masked: false },
      ),
    hdfsTokenStoredOnManager: typeof a.hdfs?.delegation_token === 'string' && a.hdfs.delegation_token !== '',
  };
}

export function toDetail(managerId: string, job: Job, names: NameLookup, now: number): JobDetail {
  const targets = jobClustersFromDetail(job);
  const cluster = (id: number | null) => (id === null ? null : { id, name: names.cluster(managerId, id) });
  const states = job.result?.job_states ?? [];
  const owners = attributeTasks(states, targets);
  const errorLog: ErrorLogEntry[] = [];
  const peers: PeerResult[] = [];
  const tasks = states.map((s, i) => {
    const c = cluster(owners[i] ?? null);
    if (s.error !== '') errorLog.push({ cluster: c, taskUuid: s.task_uuid, taskState: s.state, error: maskUrlsInText(s.error) });
    let succeeded = 0;
    let failed = 0;
    for (const r of s.results) {
      const rc = typeof r.scheduler_cluster_id === 'number' ? cluster(r.scheduler_cluster_id) : c;
      for (const t of r.success_tasks) {
        succeeded++;
        peers.push({ outcome: 'succeeded', url: maskUrl(t.url), hostname: t.hostname, ip: t.ip, cluster: rc, description: '' });
      }
      for (const t of r.failure_tasks) {
        failed++;
        peers.push({ outcome: 'failed', url: maskUrl(t.url), hostname: t.hostname, ip: t.ip, cluster: rc, description: maskUrlsInText(t.description) });
      }
    }
    return { taskUuid: s.task_uuid, state: s.state, cluster: c, succeeded, failed, error: maskUrlsInText(s.error) };
  });
  const row = toRow(toEntry(managerId, job, targets), names, now);
  return {
    row: { ...row, clusters: clusterRefs(managerId, targets, names) },
    taskId: job.task_id,
    userName: job.user?.name ?? '',
    resultState: job.result?.state || null,
    resultUpdatedAt: job.result?.updated_at || null,
    args: argsView(job.args),
    tasks,
    errorLog,
    peers,
    fetchedAt: new Date(now).toISOString(),
    staleReason: null,
  };
}
