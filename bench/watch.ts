/**
 * `npm run bench:watch`: 10 simulated managers with 1,000 preheats pending each (10,000 at once),
 * ending at random over 30 simulated minutes, watched by the back end's one watcher. The manager
 * runs in its own process on a frozen clock that the benchmark moves tick by tick, so 35 minutes
 * take seconds and this process's memory is the back end's.
 *
 * Prints the requests the watcher sent against a per-job poller every 10 s and every 60 s (each
 * pending job read on its own until it ends), detection latency after the manager recorded each end state,
 * the wall time of a tick, and the back end's memory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailureLog } from '../src/main/failures/failure-log';
import { createJobStack } from '../test/helpers/job-stack';
import { ManagerRegistry } from '../src/main/managers/registry';
import { MemoryStore } from '../src/main/secrets/memory-store';
import { Watcher } from '../src/main/watch/watcher';
import processes from '../scripts/lib/processes.cjs';
import { rng } from '../tools/manager-sim/seed';
import { pct, spread } from './lib/stats';

const RUN_S = 35 * 60;

interface SimInfo {
  controlUrl: string;
  managers: { name: string; url: string }[];
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

async function main() {
  const { child, info } = (await processes.startSimulator('watch-bench')) as { child: { kill(): void }; info: SimInfo };
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${info.controlUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  let now = Date.parse((await control('GET', '/state')).now);
  const start = now;

  const dir = mkdtempSync(join(tmpdir(), 'desk-watch-bench-'));
  const registry = new ManagerRegistry({ dataDir: dir, secrets: new MemoryStore() });
  await registry.load();
  const names = new Map<string, string>();
  for (const m of info.managers) {
    const id = (await registry.add({ name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
    names.set(id, m.name);
  }
  const stack = await createJobStack({ dir, registry, now: () => now });
  const { history, jobs } = stack;

  await jobs.syncManagers();
  const failures = new FailureLog();
  const watcher = new Watcher({ registry, ledger: stack.ledger, names: jobs.names, failures, now: () => now, random: () => 0.5, onEvents: () => undefined, onTick: () => undefined });

  const detectedAt = new Map<string, number>();
  let listCalls = 0;
  let jobFetches = 0;
  let ticks = 0;
  const tickMs: number[] = [];
  const rssPeak = { value: 0 };
  while (now - start <= RUN_S * 1000) {
    const t0 = performance.now();
    const report = await watcher.tick();
    tickMs.push(performance.now() - t0);
    rssPeak.value = Math.max(rssPeak.value, process.memoryUsage().rss);
    ticks++;
    listCalls += report.listCalls;
    jobFetches += report.jobFetches;
    for (const t of report.transitions) if (t.from === 'pending' && !detectedAt.has(`${t.managerId}:${t.jobId}`)) detectedAt.set(`${t.managerId}:${t.jobId}`, now);
    const step = watcher.nextDelay();
    await control('POST', '/clock/advance', { ms: step });
    now += step;
  }

  // When the manager recorded each end state (updated_at), and how fast each approach saw it.
  const latency: number[] = [];
  const poller = { p10: { requests: 0, latency: [] as number[] }, p60: { requests: 0, latency: [] as number[] } };
  let undetected = 0;
  const random = rng(7);
  let ended = 0;
  for (const s of history.summaries()) {
    if (s.entry.status === 'pending') continue;
    ended++;
    const created = Date.parse(s.entry.createdAt);
    const recorded = Date.parse(s.entry.updatedAt);
    const seen = detectedAt.get(`${s.managerId}:${s.jobId}`);
    if (seen === undefined) undetected++;
    else latency.push(seen - recorded);
    // A poller's phase against the manager's own poll is arbitrary: draw it (seeded) per job.
    const phase = random();
    for (const [key, everyMs] of [['p10', 10_000], ['p60', 60_000]] as const) {
      const first = created + phase * everyMs;
      const polls = Math.ceil((recorded - first) / everyMs);
      poller[key].requests += polls + 1;
      poller[key].latency.push(first + polls * everyMs - recorded);
    }
  }
  const requests = listCalls + jobFetches;
  const line = (label: string, n: number, lat: number[]) =>
    `  ${label.padEnd(34)} ${String(n).padStart(7)} requests   latency median ${(pct(lat, 50) / 1000).toFixed(1)} s, p95 ${(pct(lat, 95) / 1000).toFixed(1)} s, max ${(Math.max(...lat) / 1000).toFixed(1)} s`;

  console.log(`${info.managers.length} managers × ${ended / info.managers.length} preheats, ${ended} ended within ${RUN_S / 60} simulated minutes, ${ticks} ticks`);
  console.log(line('watcher (one per manager per tick)', requests, latency));
  console.log(`  ${''.padEnd(34)} (${listCalls} PENDING list calls + ${jobFetches} job reads; ${undetected} end states missed)`);
  console.log(line('per-job poller every 10 s', poller.p10.requests, poller.p10.latency));
  console.log(line('per-job poller every 60 s', poller.p60.requests, poller.p60.latency));
  console.log(`  fewer requests than the 10 s poller: ${(poller.p10.requests / requests).toFixed(1)}×`);
  console.log(`tick wall time: ${spread(tickMs)}`);
  const mem = process.memoryUsage();
  console.log(`back end memory: RSS ${mib(mem.rss)} (peak ${mib(rssPeak.value)}), heap used ${mib(mem.heapUsed)}; failure log ${failures.size} entries`);

  await stack.dispose();
  await registry.dispose();
  child.kill();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
