import type { FailureEntry } from '../../shared/models';
import { failureEntries } from '../failures/entries';
import { toDetail } from '../jobs/detail';
import type { NameLookup } from '../jobs/job-entry';
import type { Identity, JobLedger } from '../jobs/ledger';
import type { ManagerClient } from '../manager-client/client';
import type { Job } from '../manager-client/wire-format';

/** Partial and unconfirmed preheats end SUCCESS: they are looked for among this much of the newest. */
export const BACKFILL_SUCCESS_WINDOW_MS = 24 * 3600_000;
const PAGE = 100;
const PROBLEMS = new Set(['failed', 'timed_out', 'partial', 'unconfirmed']);

export interface BackfillResult {
  entries: Omit<FailureEntry, 'id'>[];
  listCalls: number;
}

/**
 * What a manager still holds that ended while nobody watched: before the app started, or before the
 * manager was added. Every FAILURE it keeps, and the SUCCESS jobs of the last day (a partial or
 * unconfirmed one ends SUCCESS), go into the list; each problem the history has not kept yet goes into
 * the history and the failure log marked "seen at start". Nothing here notifies. Jobs the watcher is
 * following (pending, or pending when the app last saw them) are left to it: it notifies those once.
 */
export async function backfill(deps: {
  client: ManagerClient;
  ledger: JobLedger;
  names: NameLookup;
  identity: Identity;
  managerName: string;
  watched: ReadonlySet<number>;
  now: number;
}): Promise<BackfillResult | null> {
  const { client, ledger, identity } = deps;
  let listCalls = 0;
  const onPage = () => void listCalls++;
  const failed = await client.listAllJobs({ perPage: PAGE, state: 'FAILURE', onPage });
  const succeeded = await client.listAllJobs({ perPage: PAGE, state: 'SUCCESS', createdSince: deps.now - BACKFILL_SUCCESS_WINDOW_MS, onPage });
  const jobs: Job[] = [...failed, ...succeeded];
  if (!ledger.observe(identity, jobs)) return null;
  const found: { at: string; entries: Omit<FailureEntry, 'id'>[] }[] = [];
  for (const job of jobs) {
    if (deps.watched.has(job.id)) continue;
    const kept = ledger.historySummary(identity.managerId, job.id);
    if (kept?.hasDetail && kept.entry.status !== 'pending') continue;
    const detail = toDetail(identity.managerId, job, deps.names, deps.now);
    if (!PROBLEMS.has(detail.row.status)) continue;
    // When it ended, as its manager says: the log reads in time order.
    const at = new Date(Date.parse(job.updated_at) || deps.now).toISOString();
    ledger.transition(identity, job, { at, from: null, to: detail.row.status, seenAtStart: true }, detail);
    found.push({ at, entries: failureEntries(detail, deps.managerName, at, true) });
  }
  found.sort((a, b) => a.at.localeCompare(b.at));
  return { entries: found.flatMap((f) => f.entries), listCalls };
}
