import { maskUrl, maskUrlsInText } from '../../shared/masking';
import { PreheatArgs, type Job } from '../manager-client/wire-format';
import type { ClusterRef, JobRow, JobStatus } from '../../shared/models';
import type { HistorySummary } from '../history/history-store';
import { failedPeerCount, isStuck, jobStatus } from './status';
import { jobClustersFromResults } from './job-clusters';

/**
 * What the merged list keeps per job: small, derived once when the job is read. A list of 100,000
 * holds 100,000 of these, so what can be derived cheaply when a row is shown (its key, its times as
 * text) is not kept, and entries share what they can (states, cluster id lists).
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
  /** The URLs and description lower-cased, for search; null when they are lower-case already, as most are. */
  folded: string | null;
}

export const jobKey = (managerId: string, id: number) => `${managerId}:${id}`;

/** One copy of each job state ("SUCCESS", …) for every entry, not one per job read. */
const STATES = new Map<string, string>();
const interned = (state: string) => {
  let s = STATES.get(state);
  if (s === undefined) STATES.set(state, (s = state));
  return s;
};

/** One array per set of targeted clusters: a fleet has few, and jobs share them. Never mutated. */
const CLUSTER_SETS = new Map<string, number[]>();
const sharedIds = (ids: number[] | null): number[] | null => {
  if (!ids) return null;
  const key = ids.join(',');
  let shared = CLUSTER_SETS.get(key);
  if (!shared) CLUSTER_SETS.set(key, (shared = ids.slice()));
  return shared;
};

/** A manager's time as milliseconds: 0 for one that does not parse, so that comparisons stay stable. */
export const timeMs = (text: string): number => {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : 0;
};

const iso = (ms: number) => new Date(ms).toISOString();

/** What search folds to lower case, or null when nothing would change. */
function foldedOf(urls: string[], description: string): string | null {
  const text = urls.length === 1 && description === '' ? urls[0]! : `${urls.join(' ')} ${description}`;
  const lower = text.toLowerCase();
  return lower === text ? null : lower;
}

/**
 * Whether search text (lower-cased, trimmed) finds a job: in `#<id> <urls> <description>`. Text
 * without a space or "#" cannot span two of those, so it is looked for in each, without building
 * the whole string; "#" and spaces are rare and take the long way.
 */
export function entryMatches(e: JobEntry, text: string): boolean {
  if (text.includes(' ') || text.includes('#')) return `#${e.id} ${e.folded ?? `${e.urls.join(' ')} ${e.description}`}`.includes(text);
  if (e.folded !== null) {
    if (e.folded.includes(text)) return true;
  } else {
    for (const u of e.urls) if (u.includes(text)) return true;
    if (e.description.includes(text)) return true;
  }
  return DIGITS.test(text) && String(e.id).includes(text);
}

const DIGITS = /^\d+$/;

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
  const description = maskUrlsInText(job.bio);
  return {
    managerId,
    id: job.id,
    state: interned(job.state),
    status: jobStatus(job),
    kind,
    urls,
    description,
    createdMs: timeMs(job.created_at),
    updatedMs: timeMs(job.updated_at),
    clusterIds: sharedIds(knownTargets ?? jobClustersFromResults(job)),
    failedPeers: failedPeerCount(job),
    gone: false,
    folded: foldedOf(urls, description),
  };
}

/** A job as the history kept it, for the merged list. */
export function entryFromHistory(h: HistorySummary): JobEntry {
  const e = h.entry;
  return {
    managerId: h.managerId,
    id: h.jobId,
    state: interned(e.state),
    status: e.status,
    kind: e.kind,
    urls: e.urls,
    description: e.description,
    createdMs: timeMs(e.createdAt),
    updatedMs: timeMs(e.updatedAt),
    clusterIds: sharedIds(e.clusterIds),
    failedPeers: e.failedPeers,
    gone: e.gone,
    folded: foldedOf(e.urls, e.description),
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
