import { JobStatus } from '../../shared/models';
import { isJobStatus, isListOf, isNumber, isObject, isString, isStrings } from '../storage/shape-checks';
import type { HistoryRecord } from './history-store';

/** A history line as loading reads it: the detail is checked only when it is read. */
export type LoadedRecord = Omit<HistoryRecord, 'detail'> & { detail: unknown };

const KINDS: ReadonlySet<unknown> = new Set(['image', 'file', 'unknown']);
const ENDS: ReadonlySet<unknown> = new Set([...JobStatus.options, 'stuck', 'gone', 'unreadable']);

function isEntry(e: unknown): boolean {
  return (
    isObject(e) &&
    isString(e.state) &&
    isJobStatus(e.status) &&
    KINDS.has(e.kind) &&
    isStrings(e.urls) &&
    isString(e.description) &&
    isString(e.createdAt) &&
    isString(e.updatedAt) &&
    (e.clusterIds === null || isListOf(e.clusterIds, isNumber)) &&
    isNumber(e.failedPeers) &&
    typeof e.gone === 'boolean'
  );
}

const isTransition = (t: unknown) =>
  isObject(t) && isString(t.at) && (t.from === null || isJobStatus(t.from)) && ENDS.has(t.to) && (t.seenAtStart === undefined || t.seenAtStart === true);

/**
 * The history's record schema (`Loaded` in history-store.ts), checked by hand: start-up checks every
 * line of every manager's file, and zod took 37–61 ms for 558 lines where this takes about 1
 * (2026-12-02); a history of tens of thousands of jobs would have spent seconds. A test holds the two
 * to the same answers. Like zod, a valid record's unknown keys are not carried on (the caller copies
 * the fields it keeps).
 */
export function loadedRecord(value: unknown): LoadedRecord | null {
  if (!isObject(value)) return null;
  const ok =
    isNumber(value.jobId) &&
    isEntry(value.entry) &&
    isListOf(value.transitions, isTransition) &&
    'detail' in value &&
    typeof value.notified === 'boolean' &&
    isString(value.seenAt);
  return ok ? (value as unknown as LoadedRecord) : null;
}
