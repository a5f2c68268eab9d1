import { mapLimit } from '../../src/main/jobs/map-limit';
import type { ManagerClient } from '../../src/main/manager-client/client';

/**
 * The baseline the watcher replaces: a client that reads each job it created on its own, every
 * `everyMs`, until the job leaves PENDING. Runs for real against the simulator; the clock moves only
 * between rounds, as with the watcher.
 */
export async function perJobPoller(opts: {
  clients: { name: string; client: ManagerClient; jobIds: number[] }[];
  everyMs: number;
  runMs: number;
  start: number;
  advance: (ms: number) => Promise<unknown>;
  concurrency?: number;
}) {
  const pending = opts.clients.flatMap((c) => c.jobIds.map((id) => ({ name: c.name, client: c.client, id })));
  const detectedAt = new Map<string, number>();
  let requests = 0;
  let errors = 0;
  let now = opts.start;
  const roundMs: number[] = [];
  while (now - opts.start <= opts.runMs && pending.length > 0) {
    const t0 = performance.now();
    const reads = await mapLimit([...pending], opts.concurrency ?? 32, async (job) => {
      requests++;
      return { job, state: (await job.client.getJob(job.id)).state };
    });
    roundMs.push(performance.now() - t0);
    const stillPending = [];
    for (const [i, r] of reads.entries()) {
      if (r.status === 'rejected') errors++;
      if (r.status === 'fulfilled' && r.value.state !== 'PENDING') detectedAt.set(`${r.value.job.name}:${r.value.job.id}`, now);
      else stillPending.push(pending[i]!);
    }
    pending.splice(0, pending.length, ...stillPending);
    await opts.advance(opts.everyMs);
    now += opts.everyMs;
  }
  return { requests, errors, detectedAt, roundMs };
}
