import type { JobActionResult, JobRef, JobRow } from '../../shared/models';
import { descriptionProblem } from '../../shared/preheat-spec';
import { DeskError } from '../../shared/result';
import type { FailureLog } from '../failures/failure-log';
import type { ManagerRegistry } from '../managers/registry';
import { toRow, type NameLookup } from './job-entry';
import type { JobLedger } from './ledger';
import { mapLimit } from './map-limit';

export interface JobActionsOptions {
  registry: ManagerRegistry;
  ledger: JobLedger;
  failures: FailureLog;
  names: NameLookup;
  now?: () => number;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
const notFound = (err: unknown) => err instanceof DeskError && err.code === 'manager_not_found';

/**
 * What an operator does to jobs on their managers: find one by id, change its description, delete it.
 * Each goes to the job's own manager; a refusal comes back in the manager's words, per job.
 */
export class JobActions {
  private readonly now: () => number;

  constructor(private readonly opts: JobActionsOptions) {
    this.now = opts.now ?? Date.now;
  }

  private row(managerId: string, jobId: number): JobRow | null {
    const e = this.opts.ledger.index.get(managerId, jobId);
    return e ? toRow(e, this.opts.names, this.now()) : null;
  }

  private nameOf(managerId: string): string {
    return this.opts.registry.all().find((r) => r.id === managerId)?.name ?? `manager ${managerId}`;
  }

  /** Ask each manager for a job id the list has not loaded; a preheat found joins the list. */
  async find(jobId: number, managerIds?: string[]) {
    const { registry, ledger } = this.opts;
    const ids = managerIds?.length ? managerIds : registry.all().map((r) => r.id);
    const found: JobRow[] = [];
    const missing: { managerId: string; managerName: string; reason: string }[] = [];
    await mapLimit(ids, 4, async (managerId) => {
      const managerName = this.nameOf(managerId);
      const identity = ledger.identity(managerId);
      try {
        const job = await (await registry.client(managerId)).getJob(jobId);
        if (job.type !== 'preheat') {
          missing.push({ managerId, managerName, reason: `job ${jobId} on ${managerName} is a ${job.type || 'untyped'} job, not a preheat` });
          return;
        }
        ledger.observe(identity, [job], true);
      } catch (err) {
        if (!notFound(err)) {
          missing.push({ managerId, managerName, reason: messageOf(err) });
          return;
        }
        ledger.gone(identity, jobId);
        // The copy the history kept is still worth showing; the list marks it gone.
        if (!this.row(managerId, jobId)) {
          missing.push({ managerId, managerName, reason: `${managerName} has no job ${jobId} (deleted or garbage-collected)` });
          return;
        }
      }
      found.push(this.row(managerId, jobId)!);
    });
    return { found, missing };
  }

  /** Change one job's description; the form's rules apply, and an empty one is refused (the manager would ignore it). */
  async describe(ref: JobRef, description: string): Promise<JobRow> {
    const problem = description.trim() === '' ? 'Description cannot be empty: the manager keeps the old one when sent an empty one' : descriptionProblem(description);
    if (problem) throw new DeskError('invalid_input', problem, { fields: [{ path: 'description', message: problem }] });
    const { registry, ledger } = this.opts;
    const job = await (await registry.client(ref.managerId)).updateJobDescription(ref.jobId, description);
    ledger.described(ledger.identity(ref.managerId), job);
    const row = this.row(ref.managerId, ref.jobId);
    if (!row) throw new DeskError('conflict', `${registry.get(ref.managerId).name} started afresh while the description was changed`);
    return row;
  }

  /**
   * Delete jobs on their managers, a few at a time per manager. One already gone counts as deleted.
   * Deleted jobs leave the list, the history and the failure log.
   */
  async delete(refs: JobRef[]): Promise<JobActionResult> {
    const { registry, ledger, failures } = this.opts;
    const result: JobActionResult = { done: [], refused: [] };
    const byManager = new Map<string, number[]>();
    for (const r of refs) byManager.set(r.managerId, [...new Set([...(byManager.get(r.managerId) ?? []), r.jobId])]);
    await Promise.all(
      [...byManager].map(async ([managerId, jobIds]) => {
        const managerName = this.nameOf(managerId);
        const identity = ledger.identity(managerId);
        const deleted: number[] = [];
        try {
          const client = await registry.client(managerId);
          await mapLimit(jobIds, 4, async (jobId) => {
            try {
              await client.deleteJob(jobId);
              deleted.push(jobId);
            } catch (err) {
              if (notFound(err)) deleted.push(jobId);
              else result.refused.push({ managerId, jobId, managerName, message: messageOf(err) });
            }
          });
        } catch (err) {
          for (const jobId of jobIds) result.refused.push({ managerId, jobId, managerName, message: messageOf(err) });
        }
        ledger.deleted(identity, deleted);
        failures.removeJobs(managerId, deleted);
        result.done.push(...deleted.map((jobId) => ({ managerId, jobId })));
      }),
    );
    return result;
  }
}
