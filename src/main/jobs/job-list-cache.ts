import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { slicer } from '../lifecycle/give-way';
import { writeFileAtomic } from '../storage/atomic-file';
import { isJobStatus, isListOf, isNumber, isString } from '../storage/shape-checks';
import { entryFromHistory, type JobEntry } from './job-entry';

/** One ended job: id, state, status, kind, urls, description, created and updated (ms), targets, failed peers, gone. */
export type CachedRow = [number, string, JobEntry['status'], JobEntry['kind'], string[], string, number, number, number[] | null, number, boolean];

const KINDS = new Set(['image', 'file', 'unknown']);

const isRow = (r: unknown): r is CachedRow =>
  Array.isArray(r) &&
  r.length === 11 &&
  isNumber(r[0]) &&
  isString(r[1]) &&
  isJobStatus(r[2]) &&
  r[2] !== 'pending' &&
  KINDS.has(r[3] as string) &&
  isListOf(r[4], isString) &&
  isString(r[5]) &&
  isNumber(r[6]) &&
  isNumber(r[7]) &&
  (r[8] === null || isListOf(r[8], isNumber)) &&
  isNumber(r[9]) &&
  typeof r[10] === 'boolean';

/** A row of its own: the index hands out one view that moves from job to job. */
export const cachedRow = (e: Readonly<JobEntry>): CachedRow => [e.id, e.state, e.status, e.kind, e.urls, e.description, e.createdMs, e.updatedMs, e.clusterIds, e.failedPeers, e.gone];

/**
 * The job list's ended jobs that the history does not keep (mostly successes), one file per manager,
 * so a restart knows them: the overview counts them while the managers are out of reach, and the first
 * look at each manager leaves them unparsed where a list page shows them unchanged (a cold start with
 * 10 managers re-checked 3,000 such jobs, about a third of its back end's CPU). Only what the list
 * shows is written (URLs and descriptions masked as there), tagged with the manager's epoch so a reset
 * manager's jobs never come back. A file that does not read is ignored: the managers have the jobs.
 */
export class JobListCache {
  constructor(private readonly dir: string) {}

  private path(managerId: string) {
    return join(this.dir, `${encodeURIComponent(managerId)}.json`);
  }

  async load(managerId: string, epoch: number): Promise<JobEntry[]> {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(this.path(managerId), 'utf8'));
    } catch {
      return [];
    }
    const d = data as { version?: unknown; epoch?: unknown; jobs?: unknown };
    if (d?.version !== 1 || d.epoch !== epoch || !Array.isArray(d.jobs)) return [];
    return d.jobs.filter(isRow).map(([id, state, status, kind, urls, description, createdMs, updatedMs, clusterIds, failedPeers, gone]) =>
      entryFromHistory({
        managerId,
        jobId: id,
        entry: { state, status, kind, urls, description, createdAt: new Date(createdMs).toISOString(), updatedAt: new Date(updatedMs).toISOString(), clusterIds, failedPeers, gone },
      }),
    );
  }

  /** Write these rows as the manager's, building the text in slices so the UI's calls get in between. */
  async save(managerId: string, epoch: number, rows: readonly CachedRow[]): Promise<void> {
    const giveWay = slicer();
    const parts: string[] = [];
    for (const r of rows) {
      parts.push(JSON.stringify(r));
      await giveWay();
    }
    await writeFileAtomic(this.path(managerId), `{"version":1,"epoch":${epoch},"jobs":[\n${parts.join(',\n')}\n]}\n`);
  }

  async forget(managerId: string): Promise<void> {
    await rm(this.path(managerId), { force: true });
  }
}
