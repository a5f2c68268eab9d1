import type { FailureEntry } from '../../shared/models';
import { failureEntries } from '../failures/entries';
import type { Gate } from '../lifecycle/gate';
import { slicer } from '../lifecycle/give-way';
import { toDetail } from '../jobs/detail';
import type { JobEntry, NameLookup } from '../jobs/job-entry';
import type { Identity, JobLedger } from '../jobs/ledger';
import type { ManagerClient } from '../manager-client/client';
import { hasNextPage } from '../manager-client/link';
import { jobStatus } from '../jobs/status';
import type { Job } from '../manager-client/wire-format';

/** Partial and unconfirmed preheats end SUCCESS: they are looked for among this much of the newest. */
export const BACKFILL_SUCCESS_WINDOW_MS = 24 * 3600_000;
const PAGE = 100;
const PROBLEMS = new Set(['failed', 'timed_out', 'partial', 'unconfirmed']);

export interface BackfillResult {
  listCalls: number;
  /** Jobs read in full from those lists (the rest were known as they are). */
  read: number;
}

/**
 * Each page of a filtered job list, newest first, handed to `take` as it arrives, so a manager's
 * whole history is never held in memory at once; with `createdSince`, until a page reaches older
 * jobs. Stops early when `take` says so.
 */
async function eachPage(
  client: ManagerClient,
  gate: Gate,
  query: { state: string; createdSince?: number },
  onPage: () => void,
  known: (id: number, updatedAt: string) => boolean,
  take: (jobs: Job[]) => Promise<boolean>,
): Promise<boolean> {
  const since = query.createdSince;
  for (let page = 1; ; page++) {
    const next = await gate.run(async () => {
      const res = await client.listJobs({ page, perPage: PAGE, state: query.state }, known);
      onPage();
      const reachedOlder = since !== undefined && [...res.jobs.map((j) => j.created_at), ...res.unchanged.map((u) => u.createdAt)].some((at) => Date.parse(at) < since);
      if (!(await take(since === undefined ? res.jobs : res.jobs.filter((j) => Date.parse(j.created_at) >= since)))) return 'refused';
      return reachedOlder || !hasNextPage(res.links, page) ? 'done' : 'more';
    });
    if (next !== 'more') return next === 'done';
  }
}

/**
 * What a manager still holds that ended while nobody watched: before the app started, or before the
 * manager was added. Every FAILURE it keeps, and the SUCCESS jobs of the last day (a partial or
 * unconfirmed one ends SUCCESS), go into the list; each problem the history has not kept yet goes into
 * the history and the failure log marked "seen at start". Nothing here notifies. Jobs the watcher is
 * following (pending, or pending when the app last saw them) are left to it: it notifies those once.
 * Pages are handled as they arrive; the failure lines found go to `onFound` once, in time order,
 * even when a later page fails (the history already holds their jobs, so a retry skips them).
 */
export async function backfill(deps: {
  client: ManagerClient;
  ledger: JobLedger;
  names: NameLookup;
  identity: Identity;
  managerName: string;
  watched: ReadonlySet<number>;
  now: number;
  /** Shared by every manager's backfill: a first look at many managers leaves room for the UI's requests. */
  pages: Gate;
  onFound: (entries: Omit<FailureEntry, 'id'>[]) => void;
  /** Have the job list read this manager's jobs back to `since`; true once it holds all of them. */
  listDay?: ((since: number) => Promise<boolean>) | undefined;
}): Promise<BackfillResult | null> {
  const { client, ledger, identity } = deps;
  let listCalls = 0;
  let read = 0;
  const onPage = () => void listCalls++;
  const found: { at: string; entries: Omit<FailureEntry, 'id'>[] }[] = [];
  const take = async (jobs: Job[]) => {
    read += jobs.length;
    if (!ledger.observe(identity, jobs)) return false;
    const giveWay = slicer();
    for (const job of jobs) {
      if (deps.watched.has(job.id)) continue;
      // The status alone first: most jobs succeeded, and a detail is built only for a problem.
      if (!PROBLEMS.has(jobStatus(job))) continue;
      const kept = ledger.historySummary(identity.managerId, job.id);
      if (kept?.hasDetail && kept.entry.status !== 'pending') continue;
      const detail = toDetail(identity.managerId, job, deps.names, deps.now);
      // When it ended, as its manager says: the log reads in time order.
      const at = new Date(Date.parse(job.updated_at) || deps.now).toISOString();
      ledger.transition(identity, job, { at, from: null, to: detail.row.status, seenAtStart: true }, detail);
      found.push({ at, entries: failureEntries(detail, deps.managerName, at, true) });
      await giveWay();
    }
    return true;
  };
  // In the list as it is now, with nothing for the backfill to add (a success, or a problem the history
  // keeps in full): left unparsed. Loaded first, a fleet's whole last day is known this way.
  const keptInFull = (id: number) => {
    const kept = ledger.historySummary(identity.managerId, id);
    return !!kept?.hasDetail && kept.entry.status !== 'pending';
  };
  const known = (id: number, updatedAt: string) => {
    const e = ledger.endedAsListed(identity.managerId, id, updatedAt);
    return !!e && (!PROBLEMS.has(e.status) || keptInFull(id));
  };
  const since = deps.now - BACKFILL_SUCCESS_WINDOW_MS;
  try {
    if (!(await eachPage(client, deps.pages, { state: 'FAILURE' }, onPage, known, take))) return null;
    // Through the gate as the pages would go: two managers' first looks at a time.
    if (deps.listDay && (await deps.pages.run(() => deps.listDay!(since)))) {
      // The job list holds the whole day now (the overview reads it too): its SUCCESS pages again would
      // only be parsed to be skipped. What the list names a problem is read in full.
      const problem = (e: Readonly<JobEntry> | undefined) => !!e && e.state === 'SUCCESS' && e.createdMs >= since && !e.gone && PROBLEMS.has(e.status);
      const problems: number[] = [];
      ledger.index.forEachOf(identity.managerId, (e) => {
        if (problem(e)) problems.push(e.id);
      });
      for (const id of problems) {
        // Asked again at each step: the watcher may have read the job, or found it gone, meanwhile.
        if (!problem(ledger.index.get(identity.managerId, id)) || deps.watched.has(id) || keptInFull(id)) continue;
        const job = await deps.pages.run(() => client.getJob(id));
        if (!(await take([job]))) return null;
      }
    } else if (!(await eachPage(client, deps.pages, { state: 'SUCCESS', createdSince: since }, onPage, known, take))) return null;
    return { listCalls, read };
  } finally {
    found.sort((a, b) => a.at.localeCompare(b.at));
    if (found.length) deps.onFound(found.flatMap((f) => f.entries));
  }
}
