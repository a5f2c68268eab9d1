import { maskUrl, maskUrlsInText } from '../../shared/masking';
import { PreheatArgs, type Job } from '../manager-client/wire-format';
import type { ClusterRef, JobRow, JobStatus } from '../../shared/models';
import type { HistorySummary } from '../history/history-store';
import { failedPeerCount, isStuck, jobStatus } from './status';
import { jobClustersFromResults } from './job-clusters';
import { searchBodyOf } from './job-search';
import { SharedValues } from './shared-values';

/**
 * What the merged list keeps per job: small, derived once when the job is read. The index holds 100,000
 * of these as columns (JobColumns), so what can be derived cheaply when a row is shown (its key, its
 * times as text) is not kept, and entries share what they can (states, URLs, descriptions, cluster id lists).
 */
export interface JobEntry {
  managerId: string;
  id: number;
  state: string;
  status: JobStatus;
  kind: 'image' | 'file' | 'unknown';
  urls: string[];
  description: string;
  /** Milliseconds since the epoch; 0 when the manager sent a time that does not parse. */
  createdMs: number;
  updatedMs: number;
  clusterIds: number[] | null;
  failedPeers: number;
  gone: boolean;
}

export const jobKey = (managerId: string, id: number) => `${managerId}:${id}`;

/** Job states and descriptions: few distinct texts among many jobs. */
const TEXTS = new SharedValues<string>(20_000);
const sharedText = (text: string) => TEXTS.get(text, () => text);
/** URL lists, by their URLs: one list, and one string per URL, for every job that preheats the same. */
const URL_LISTS = new SharedValues<string[]>(20_000);
const sharedUrls = (urls: string[]) => URL_LISTS.get(urls.join('\n'), () => urls.map(sharedText));
/** Sets of targeted clusters. */
const CLUSTER_SETS = new SharedValues<number[]>(1_000);
const sharedIds = (ids: number[] | null): number[] | null => (ids ? CLUSTER_SETS.get(ids.join(','), () => ids.slice()) : null);

/** A manager's time as milliseconds: 0 for one that does not parse, so that comparisons stay stable. */
export const timeMs = (text: string): number => {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : 0;
};

const iso = (ms: number) => new Date(ms).toISOString();

/** What search looks in, lower-cased: `#<id> <urls> <description>`. */
export const searchTextOf = (id: number, urls: readonly string[], description: string): string => `#${id} ${searchBodyOf(urls, description)}`;

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
  const urls = sharedUrls(args ? jobUrls(args).map(maskUrl) : []);
  const description = sharedText(maskUrlsInText(job.bio));
  return {
    managerId,
    id: job.id,
    state: sharedText(job.state),
    status: jobStatus(job),
    kind,
    urls,
    description,
    createdMs: timeMs(job.created_at),
    updatedMs: timeMs(job.updated_at),
    clusterIds: sharedIds(knownTargets ?? jobClustersFromResults(job)),
    failedPeers: failedPeerCount(job),
    gone: false,
  };
}

/** A job as the history (or the list's cache) kept it, for the merged list. */
export function entryFromHistory(h: Pick<HistorySummary, 'managerId' | 'jobId' | 'entry'>): JobEntry {
  const e = h.entry;
  return {
    managerId: h.managerId,
    id: h.jobId,
    state: sharedText(e.state),
    status: e.status,
    kind: e.kind,
    urls: sharedUrls(e.urls),
    description: sharedText(e.description),
    createdMs: timeMs(e.createdAt),
    updatedMs: timeMs(e.updatedAt),
    clusterIds: sharedIds(e.clusterIds),
    failedPeers: e.failedPeers,
    gone: e.gone,
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
    createdAt: iso(e.createdMs),
    updatedAt: iso(e.updatedMs),
    durationMs: terminal && e.updatedMs >= e.createdMs ? e.updatedMs - e.createdMs : null,
    clusters: clusterRefs(e.managerId, e.clusterIds, names),
    failedPeers: e.failedPeers,
    gone: e.gone,
  };
}
