import { POLL_OFFSETS_S } from './clock';
import type { SimJob, SimTask } from './model';

/** A DB timestamp as the manager writes it: Go RFC3339Nano over datetime(3), trailing zeros trimmed. */
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');

/** A machinery timestamp inside `result`: nanosecond precision. */
export const nanoIso = (ms: number) => new Date(Math.floor(ms)).toISOString().replace('Z', `${String(Math.floor((ms % 1) * 1e6)).padStart(6, '0')}Z`);

/** Go maps serialise with sorted keys. */
export function sortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortedKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])])) as T;
  }
  return value;
}

function taskStateAt(task: SimTask, elapsedS: number): 'PENDING' | 'STARTED' | 'SUCCESS' | 'FAILURE' {
  if (task.outcome.kind === 'never') return 'PENDING';
  if (elapsedS < Math.min(2.5, task.doneAfterS)) return 'PENDING';
  if (elapsedS < task.doneAfterS) return 'STARTED';
  return task.outcome.kind === 'success' ? 'SUCCESS' : 'FAILURE';
}

function groupState(states: string[]): 'PENDING' | 'SUCCESS' | 'FAILURE' {
  if (states.includes('FAILURE')) return 'FAILURE';
  if (states.some((s) => s !== 'SUCCESS')) return 'PENDING';
  return 'SUCCESS';
}

export interface Observed {
  state: 'PENDING' | 'SUCCESS' | 'FAILURE';
  updatedAt: number;
  /** The stored `result`, built on demand: state filters never need it. */
  result(): Record<string, unknown>;
  /** Until when this observation holds: the next poll, or forever once the poller stopped. */
  validUntil: number;
}

const cache = new WeakMap<SimJob, { pollerLostAt: number | null; patchedAt: number | null; seen: Observed }>();

/**
 * `observe`, remembered until the next poll instant: list filters on state read every job, and the
 * answer only changes when the poller runs. Compared field by field: a key string built per job and
 * per request was the simulator's largest allocation while ten managers served their first pages, and
 * its collections took the CPU the app under test needed.
 */
export function observeCached(job: SimJob, now: number): Observed {
  const hit = cache.get(job);
  if (hit && hit.pollerLostAt === job.pollerLostAt && hit.patchedAt === job.patchedAt && now < hit.seen.validUntil && now >= hit.seen.updatedAt) return hit.seen;
  const seen = observe(job, now);
  cache.set(job, { pollerLostAt: job.pollerLostAt, patchedAt: job.patchedAt, seen });
  return seen;
}

/**
 * What the manager's database says about a job at `now`: the state its poller wrote at the last poll
 * (manager-api.md §3.7). It stops at the first terminal group state, forces FAILURE after the 16th
 * poll, and never polls again once the poller is lost (restart).
 */
export function observe(job: SimJob, now: number): Observed {
  const horizon = job.pollerLostAt !== null ? Math.min(now, job.pollerLostAt) : now;
  const elapsedS = (horizon - job.createdAt) / 1000;
  let polled = -1;
  let group: 'PENDING' | 'SUCCESS' | 'FAILURE' = 'PENDING';
  let states: string[] = job.tasks.map(() => 'PENDING');
  for (const offset of POLL_OFFSETS_S) {
    if (offset > elapsedS) break;
    polled = offset;
    states = job.tasks.map((t) => taskStateAt(t, offset));
    group = groupState(states);
    if (group !== 'PENDING') break;
  }
  const lastPoll = POLL_OFFSETS_S[POLL_OFFSETS_S.length - 1]!;
  const forcedFailure = group === 'PENDING' && polled === lastPoll && job.pollerLostAt === null;
  const pollAt = job.createdAt + Math.max(polled, 0) * 1000;
  const nextOffset = POLL_OFFSETS_S.find((o) => o > elapsedS);
  const stopped = group !== 'PENDING' || forcedFailure || job.pollerLostAt !== null || nextOffset === undefined;
  // Built once per observation: every page that lists the job serialises it again.
  let result: Record<string, unknown> | undefined;
  return {
    validUntil: stopped ? Number.POSITIVE_INFINITY : job.createdAt + nextOffset * 1000,
    state: forcedFailure ? 'FAILURE' : group,
    updatedAt: Math.max(job.patchedAt ?? 0, forcedFailure ? job.createdAt + lastPoll * 1000 : polled < 0 ? job.createdAt : pollAt),
    result: () => (result ??= polled < 0 ? {} : resultOf(job, group, states, pollAt)),
  };
}

/** The GroupJobState the poller stored, keys sorted as the manager's JSON column holds them. */
function resultOf(job: SimJob, group: string, states: string[], pollAt: number): Record<string, unknown> {
  const created = nanoIso(job.createdAt - 0.9);
  // The all_* scopes build both lists with make(): empty is []. single_seed_peer appends to nil slices.
  const none = job.args.scope === 'all_seed_peers' || job.args.scope === 'all_peers' ? [] : null;
  const jobStates = job.tasks.map((t, i) => {
    const state = states[i]!;
    const results =
      state === 'SUCCESS' && t.outcome.kind === 'success'
        ? [
            {
              success_tasks: t.outcome.succeeded.length ? t.outcome.succeeded : none,
              failure_tasks: t.outcome.failed.length ? t.outcome.failed : none,
              scheduler_cluster_id: t.clusterId,
            },
          ]
        : null;
    return {
      task_uuid: t.taskUuid,
      task_name: 'preheat',
      state,
      results,
      error: state === 'FAILURE' && t.outcome.kind === 'failure' ? t.outcome.error : '',
      created_at: created,
      ttl: 0,
    };
  });
  return sortedKeys({ group_uuid: job.taskId, state: group, created_at: created, updated_at: nanoIso(pollAt + 2.4), job_states: jobStates });
}
