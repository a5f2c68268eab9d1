import type { FailureEntry } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { isClusterOrNull, isJobStatus, isListOf, isNumber, isObject, isString, isStrings } from '../storage/shape-checks';
import { failureEntries, type FailureSource } from './entries';
import { LIVE_CAPACITY } from './failure-log';

const isCluster = (c: unknown) => c !== null && isClusterOrNull(c);
const isErrorLine = (e: unknown) => isObject(e) && isString(e.error) && isClusterOrNull(e.cluster);
const isPeer = (p: unknown) =>
  isObject(p) && (p.outcome === 'succeeded' || p.outcome === 'failed') && isString(p.hostname) && isString(p.ip) && isString(p.url) && isString(p.description) && isClusterOrNull(p.cluster);

/**
 * A stored detail, checked for the parts its failure lines read and no more. Checking whole details
 * (zod, JIT-cold) took 63–77 ms of a cold start for the benchmark's 499 failed jobs (2026-12-02); the
 * whole detail is still checked when a job is opened.
 */
export function failureSource(d: unknown): FailureSource | null {
  if (!isObject(d) || !isObject(d.row)) return null;
  const r = d.row;
  const row =
    isString(r.managerId) && isNumber(r.id) && isString(r.description) && isStrings(r.urls) && isJobStatus(r.status) && (r.clusters === null || isListOf(r.clusters, isCluster));
  return row && isListOf(d.errorLog, isErrorLine) && isListOf(d.peers, isPeer) ? (d as unknown as FailureSource) : null;
}

/**
 * Fill the live log at start-up from the history: the failures of the jobs it kept, in the order they
 * were detected, the newest up to the log's capacity.
 */
export function failuresFromHistory(history: HistoryStore, managerName: (id: string) => string | null): Omit<FailureEntry, 'id'>[] {
  const failed = history
    .summaries()
    .filter((h) => h.hasDetail && ['failed', 'partial', 'unconfirmed', 'timed_out'].includes(h.entry.status))
    .map((h) => ({ h, at: h.transitions.at(-1)?.at ?? h.seenAt, seenAtStart: h.transitions.at(-1)?.seenAtStart === true }))
    .sort((a, b) => a.at.localeCompare(b.at));
  const out: Omit<FailureEntry, 'id'>[] = [];
  for (const { h, at, seenAtStart } of failed.reverse()) {
    const name = managerName(h.managerId);
    const detail = name ? failureSource(history.storedDetail(h.managerId, h.jobId)) : null;
    if (!detail || !name) continue;
    out.push(...failureEntries(detail, name, at, seenAtStart).reverse());
    if (out.length >= LIVE_CAPACITY) break;
  }
  return out.reverse();
}
