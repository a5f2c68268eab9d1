import { JobStatus } from '../../shared/models';

/**
 * Checks of parsed JSON for the few start-up paths where zod, interpreting a schema JIT-cold, cost tens
 * of milliseconds (record-check.ts, the seed-peer sightings, the failure log's lines from the history).
 */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
// JSON has no NaN, but 1e999 parses to Infinity, which zod's number refuses too.
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
/** A list of items that each pass `item`. */
export const isListOf = (v: unknown, item: (x: unknown) => boolean): v is unknown[] => Array.isArray(v) && v.every(item);
/** A `ClusterRef` or null. */
export const isClusterOrNull = (v: unknown) => v === null || (isObject(v) && isNumber(v.id) && (v.name === null || isString(v.name)));

const STATUSES: ReadonlySet<unknown> = new Set(JobStatus.options);
/** One of the app's job statuses. */
export const isJobStatus = (v: unknown) => STATUSES.has(v);
