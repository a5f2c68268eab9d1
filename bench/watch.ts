import '../src/main/zod-jitless';
/**
 * `npm run bench:watch`: 10 simulated managers with 1,000 preheats pending each (10,000 at once),
 * ending at random over 30 simulated minutes. The manager runs in its own process on a frozen clock
 * that the benchmark moves tick by tick, so 35 minutes take about a minute.
 *
 * Two runs over the same scenario, side by side:
 *   - the back end's watcher (one PENDING list per manager per tick, one read per ended job);
 *   - a real per-job poller (each pending job read on its own every BENCH_POLL_S seconds, default 60).
 * For each: requests sent, detection latency after the manager recorded each end state, and jobs
 * missed: every job the simulator ended that the run did not see end. Also the watcher's tick wall
 * time (after the first tick, which signs in and backfills) and the back end's memory.
 */
import { FailureLog } from '../src/main/failures/failure-log';
import { keepHeapNearLive } from '../src/main/lifecycle/heap-growth';
import { createJobStack } from '../test/helpers/job-stack';
import { Watcher } from '../src/main/watch/watcher';
import { perJobPoller } from './lib/per-job-poller';
import { run } from './lib/measure';
import { Report } from './lib/report';
import { simProcess, type SimJobState } from './lib/sim-process';

const RUN_MS = 35 * 60_000;
const POLL_S = (process.env.BENCH_POLL_S ?? '60').split(',').map(Number);
const MiB = 2 ** 20;
/** The end states the watcher records; stuck, gone and unreadable are not an end seen. */
const ENDED = new Set(['succeeded', 'partial', 'unconfirmed', 'failed', 'timed_out']);

/** Latency of each ended job (seen − recorded) and the ended jobs never seen. */
function compare(states: Map<string, SimJobState>, detectedAt: Map<string, number>) {
  const latency: number[] = [];
  let ended = 0;
  let missed = 0;
  for (const [key, s] of states) {
    if (s.state === 'PENDING') continue;
    ended++;
    const seen = detectedAt.get(key);
    if (seen === undefined) missed++;
    else latency.push((seen - s.updatedAt) / 1000);
  }
  return { latency, ended, missed };
}

async function watcherRun(report: Report) {
  const sim = await simProcess('watch-bench');
  let now = await sim.now();
  const start = now;
  const stack = await createJobStack({ dir: sim.dir, registry: sim.registry, now: () => now });
  await stack.jobs.syncManagers();
  const failures = new FailureLog();
  const watcher = new Watcher({ registry: sim.registry, ledger: stack.ledger, names: stack.jobs.names, failures, now: () => now, random: () => 0.5, onEvents: () => undefined, onTick: () => undefined });

  const detectedAt = new Map<string, number>();
  let listCalls = 0;
  let jobFetches = 0;
  const tickMs: number[] = [];
  let rssPeak = 0;
  while (now - start <= RUN_MS) {
    const t0 = performance.now();
    const tick = await watcher.tick();
    tickMs.push(performance.now() - t0);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    listCalls += tick.listCalls + tick.backfillCalls;
    jobFetches += tick.jobFetches;
    for (const t of tick.transitions) {
      const key = `${sim.names.get(t.managerId)}:${t.jobId}`;
      if (ENDED.has(t.to) && !detectedAt.has(key)) detectedAt.set(key, now);
    }
    const step = watcher.nextDelay();
    await sim.advance(step);
    now += step;
  }
  const { latency, ended, missed } = compare(await sim.jobStates(), detectedAt);
  console.log(`watcher: ${ended} jobs ended in the simulator over ${RUN_MS / 60_000} simulated minutes, ${tickMs.length} ticks`);
  report.value('watcher: requests', listCalls + jobFetches, 'requests', { note: `${listCalls} list calls + ${jobFetches} job reads` });
  report.samples('watcher: detection after the manager recorded the end', latency, 's');
  report.value('watcher: ended jobs missed', missed, 'jobs', { goal: 0, note: `of ${ended} ended` });
  report.samples('watcher: tick wall time', tickMs.slice(1), 'ms', { note: 'first tick (sign-in, backfill) left out' });
  const mem = process.memoryUsage();
  report.value('watcher: back end resident memory', mem.rss / MiB, 'MiB', { note: `peak ${(rssPeak / MiB).toFixed(0)} MiB, heap used ${(mem.heapUsed / MiB).toFixed(0)} MiB, ${failures.size} failure lines` });
  await stack.dispose();
  await sim.close();
  return listCalls + jobFetches;
}

async function pollerRun(report: Report, everyS: number, watcherRequests: number) {
  const sim = await simProcess('watch-bench');
  const states = await sim.jobStates();
  const clients = await Promise.all(
    [...sim.names].map(async ([id, name]) => ({
      name,
      client: await sim.registry.client(id),
      jobIds: [...states].filter(([k, s]) => k.startsWith(`${name}:`) && s.state === 'PENDING').map(([, s]) => s.id),
    })),
  );
  const t0 = performance.now();
  const poll = await perJobPoller({ clients, everyMs: everyS * 1000, runMs: RUN_MS, start: await sim.now(), advance: sim.advance });
  const wallS = (performance.now() - t0) / 1000;
  const { latency, ended, missed } = compare(await sim.jobStates(), poll.detectedAt);
  const label = `per-job poller every ${everyS} s`;
  report.value(`${label}: requests`, poll.requests, 'requests', { note: `${(poll.requests / watcherRequests).toFixed(1)}× the watcher's; ${poll.errors} failed; ${wallS.toFixed(0)} s wall time` });
  report.samples(`${label}: detection after the manager recorded the end`, latency, 's');
  report.value(`${label}: ended jobs missed`, missed, 'jobs', { note: `of ${ended} ended` });
  await sim.close();
}

async function main() {
  // This process is the back end here: the same heap tuning as the app's entry points.
  keepHeapNearLive();
  const report = new Report('bench:watch');
  const watcherRequests = await watcherRun(report);
  for (const s of POLL_S) await pollerRun(report, s, watcherRequests);
  report.finish();
}

run(main);
