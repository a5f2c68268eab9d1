import type { Simulator } from './simulator';
import { rng, seedInventory, seedJobs } from './seed';

export interface ScenarioManager {
  name: string;
  url: string;
  auth: { kind: 'password'; username: string; password: string } | { kind: 'pat'; token: string; tokenExpiresAt: string };
}

/** The demo fleet: three managers with different logins, sizes and troubles. */
export async function demoScenario(sim: Simulator): Promise<ScenarioManager[]> {
  const eu = await sim.addManager('prod-eu');
  seedInventory(eu, {
    net: 1,
    clusters: [
      { name: 'eu-west-1', seedPeers: 3, peers: 24, idc: 'ams1|ams2', location: 'eu|nl|amsterdam' },
      { name: 'eu-central-1', seedPeers: 2, peers: 16, idc: 'fra1', location: 'eu|de|frankfurt' },
      { name: 'eu-north-1', seedPeers: 0, peers: 8, idc: 'arn1', location: 'eu|se|stockholm' },
    ],
  });
  seedJobs(eu, { count: 420, spanMs: 6 * 3600_000, seed: 11 });

  const us = await sim.addManager('prod-us');
  seedInventory(us, {
    net: 2,
    clusters: [
      { name: 'us-east-1', seedPeers: 4, peers: 30, jobRateLimit: 20, idc: 'iad1', location: 'us|va' },
      { name: 'us-west-2', seedPeers: 2, peers: 12, idc: 'pdx1', location: 'us|or' },
    ],
  });
  seedJobs(us, { count: 260, spanMs: 6 * 3600_000, seed: 22, failure: 0.2 });
  const pat = 'ZGVtby1wcm9kLXVzLXBhdC0wMDAwMDAwMDAwMDAwMDAwMDAwMDAw';
  const patExpiresAt = sim.clock.now() + 3 * 86400_000;
  us.addPat({ token: pat, name: 'desk', expiredAt: patExpiresAt });

  const staging = await sim.addManager('staging');
  seedInventory(staging, {
    net: 3,
    clusters: [{ name: 'staging-1', preheatFeature: false, seedPeers: 1, peers: 4 }],
  });
  seedJobs(staging, { count: 40, spanMs: 5 * 3600_000, seed: 33, timeout: 0.15 });

  return [
    { name: eu.name, url: eu.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } },
    { name: us.name, url: us.url, auth: { kind: 'pat', token: pat, tokenExpiresAt: new Date(patExpiresAt).toISOString() } },
    { name: staging.name, url: staging.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } },
  ];
}

/** The list benchmark's fleet: 10 managers × 10,000 jobs of the last 6 hours (BENCH_MANAGERS, BENCH_JOBS change it). */
export async function listBenchScenario(sim: Simulator): Promise<ScenarioManager[]> {
  const managers = Number(process.env.BENCH_MANAGERS ?? 10);
  const jobs = Number(process.env.BENCH_JOBS ?? 10_000);
  const out: ScenarioManager[] = [];
  for (let i = 0; i < managers; i++) {
    const m = await sim.addManager(`m${String(i).padStart(2, '0')}`);
    seedInventory(m, { net: i + 1, clusters: [{ name: `m${i}-a` }, { name: `m${i}-b` }, { name: `m${i}-c` }] });
    seedJobs(m, { count: jobs, spanMs: 6 * 3600_000, seed: i + 1 });
    out.push({ name: m.name, url: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
  }
  return out;
}

/** The cold-start benchmark's fleet: 10 managers of 5 clusters × 20 peers, 300 jobs each, 1 in 10 failed. */
export const COLD_BENCH = { managers: 10, clusters: 5 };

export async function coldBenchScenario(sim: Simulator): Promise<ScenarioManager[]> {
  const out: ScenarioManager[] = [];
  for (let i = 0; i < COLD_BENCH.managers; i++) {
    const m = await sim.addManager(`c${i}`);
    seedInventory(m, { net: i + 1, clusters: Array.from({ length: COLD_BENCH.clusters }, (_, c) => ({ name: `c${i}-${c}`, peers: 20 })) });
    seedJobs(m, { count: 300, spanMs: 6 * 3600_000, seed: i + 1, failure: 0.1 });
    out.push({ name: m.name, url: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
  }
  return out;
}

/** The watch benchmark's fleet: 10 managers, each with 1,000 preheats pending at once, ending at random within 30 minutes. */
export const WATCH_BENCH = { managers: 10, jobsPerManager: 1000, spanS: 30 * 60 };

export async function watchBenchScenario(sim: Simulator): Promise<ScenarioManager[]> {
  sim.clock.freeze();
  const random = rng(2026);
  const out: ScenarioManager[] = [];
  for (let i = 0; i < WATCH_BENCH.managers; i++) {
    const m = await sim.addManager(`w${i}`);
    seedInventory(m, { net: i + 1, clusters: [{ name: `w${i}-a`, peers: 4 }, { name: `w${i}-b`, peers: 4 }] });
    const now = sim.clock.now();
    m.insertJobs(
      Array.from({ length: WATCH_BENCH.jobsPerManager }, (_, j) => {
        const roll = random();
        const url = `https://files.example.com/bench/${i}/${j}.bin`;
        const peer = { url, hostname: `w${i}-node-${j % 50}`, ip: `10.${i}.0.${j % 50}` };
        return {
          // All pending when the watch starts: the manager's first look after creation is at 30 s.
          createdAt: now - Math.floor(random() * 25_000),
          patchedAt: null,
          pollerLostAt: null,
          taskId: `group_bench_${i}_${j}`,
          bio: `bench ${i}/${j}`,
          type: 'preheat',
          userId: 1,
          clusterIds: [1],
          args: { type: 'file', url: '', urls: [url], scope: 'single_seed_peer' },
          tasks: [
            {
              clusterId: 1,
              taskUuid: `task_bench_${i}_${j}`,
              doneAfterS: 1 + Math.floor(random() * (WATCH_BENCH.spanS - 60)),
              outcome:
                roll < 0.15
                  ? { kind: 'failure' as const, error: `cluster 1 scheduler 10.${i}.0.1 no available seed peer` }
                  : { kind: 'success' as const, succeeded: [peer], failed: roll < 0.25 ? [{ ...peer, ip: `10.${i}.1.${j % 50}`, description: 'context deadline exceeded' }] : [] },
            },
          ],
        };
      }),
    );
    out.push({ name: m.name, url: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
  }
  return out;
}
