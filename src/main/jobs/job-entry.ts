import { maskUrl, maskUrlsInText } from '../../shared/masking';
import { PreheatArgs, type Job } from '../manager-client/wire-format';
import type { ClusterRef, JobRow, JobStatus } from '../../shared/models';
import type { HistorySummary } from '../history/history-store';
import { failedPeerCount, isStuck, jobStatus } from './status';
import { jobClustersFromResults } from './job-clusters';

/**
 * What the merged list keeps per job: small, derived once when the job is read. A list of 100,000
 * holds 100,000 of these, so what can be derived cheaply when a row is shown (its key) is not kept.
 */
export interface JobEntry {
  managerId: string;
  id: number;
  state: string;
  status: JobStatus;
  kind: 'image' | 'file' | 'unknown';
  urls: string[];
  description: string;
  createdAt: string;
  createdMs: number;
  updatedAt: string;
  updatedMs: number;
  clusterIds: number[] | null;
  failedPeers: number;
  gone: boolean;
  /** Lower-cased id, URLs and description, for search. */
  haystack: string;
}

export const jobKey = (managerId: string, id: number) => `${managerId}:${id}`;

/** One copy of each job state ("SUCCESS", …) for every entry, not one per job read. */
const STATES = new Map<string, string>();
const interned = (state: string) => {
  let s = STATES.get(state);
  if (s === undefined) STATES.set(state, (s = state));
  return s;
};

/** What search looks in: the id as `#<id>`, the URLs and the description. */
const haystackOf = (id: number, urls: string[], description: string) => `#${id} ${urls.join(' ')} ${description}`.toLowerCase();

/** The URLs a job preheats, exactly as the manager has them (for a new spec; never shown as they are). */
export function jobUrls(args: Pick<PreheatArgs, 'type' | 'url' | 'urls'>): string[] {
  if (args.type === 'image') return args.url ? [args.url] : [];
  const all = [...(args.url ? [args.url] : []), ...args.urls];
  return [...new Set(all)];
}

export function toEntry(managerId: string, job: Job, knownTargets: number[] | null): JobEntry {
  const parsed = PreheatArgs.safeParse(job.args ?? {});
  const args = parsed.success ? parsed.data : null;
  const kind = args?.type === 'image' || args?.type === 'file' ? args.type : 'unknown';
  // What the list shows, keeps and searches: userinfo and signatures masked.
  const urls = args ? jobUrls(args).map(maskUrl) : [];
  const createdMs = Date.parse(job.created_at);
  const updatedMs = Date.parse(job.updated_at);
  return {
    managerId,
    id: job.id,
    state: interned(job.state),
    status: jobStatus(job),
    kind,
    urls,
    description: maskUrlsInText(job.bio),
    createdAt: job.created_at,
    createdMs: Number.isFinite(createdMs) ? createdMs : 0,
    updatedAt: job.updated_at,
    updatedMs: Number.isFinite(updatedMs) ? updatedMs : 0,
    clusterIds: knownTargets ?? jobClustersFromResults(job),
    failedPeers: failedPeerCount(job),
    gone: false,
    haystack: haystackOf(job.id, urls, maskUrlsInText(job.bio)),
  };
}

/** A job as the history kept it, for the merged list. */
export function entryFromHistory(h: HistorySummary): JobEntry {
  const e = h.entry;
  const createdMs = Date.parse(e.createdAt);
  const updatedMs = Date.parse(e.updatedAt);
  return {
    managerId: h.managerId,
    id: h.jobId,
    ...e,
    state: interned(e.state),
    createdMs: Number.isFinite(createdMs) ? createdMs : 0,
    updatedMs: Number.isFinite(updatedMs) ? updatedMs : 0,
    haystack: haystackOf(h.jobId, e.urls, e.description),
  };
}

export interface NameLookup {
  manager(managerId: string): string;
  cluster(managerId: string, clusterId: number): string | null;
}

export function clusterRefs(managerId: string, ids: number[] | null, names: NameLookup): ClusterRef[] | null {
  return ids ? ids.map((id) => ({ id, name: names.cluster(managerId, id) })) : null;
}

export function toRow(e: JobEntry, names: NameLookup, now: number): JobRow {
  const terminal = e.status !== 'pending';
  return {
    key: jobKey(e.managerId, e.id),
    managerId: e.managerId,
    managerName: names.manager(e.managerId),
    id: e.id,
    status: e.status,
    state: e.state,
    stuck: isStuck(e.status, e.createdMs, now),
    kind: e.kind,
    urls: e.urls,
    description: e.description,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    durationMs: terminal && e.updatedMs >= e.createdMs ? e.updatedMs - e.createdMs : null,
    clusters: clusterRefs(e.managerId, e.clusterIds, names),
    failedPeers: e.failedPeers,
    gone: e.gone,
  };
}
