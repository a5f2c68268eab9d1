import { Simulator } from '../../tools/manager-sim/simulator';
import { seedInventory, seedJobs } from '../../tools/manager-sim/seed';

/** A simulator with one or more seeded managers, for integration tests. */
export async function startSim(specs: { name: string; jobs?: number; seed?: number }[]) {
  const sim = new Simulator();
  for (const [i, s] of specs.entries()) {
    const m = await sim.addManager(s.name);
    seedInventory(m, {
      net: i + 1,
      clusters: [
        { name: `${s.name}-a`, seedPeers: 3, peers: 6 },
        { name: `${s.name}-b`, seedPeers: 2, peers: 4 },
      ],
    });
    if (s.jobs) seedJobs(m, { count: s.jobs, spanMs: 5 * 3600_000, seed: s.seed ?? i + 1 });
  }
  return sim;
}

/** One manager, `eu`, whose `jobs` jobs of the last 12 hours have all ended (10 % failed). */
export async function endedJobsManager(sim: Simulator, jobs: number) {
  const m = await sim.addManager('eu');
  seedInventory(m, { net: 1, clusters: [{ name: 'eu-a', seedPeers: 1, peers: 3 }] });
  seedJobs(m, { count: jobs, spanMs: 12 * 3600_000, failure: 0.1, pending: 0 });
  // Past the longest run, so every job has ended and the day's outcomes add up to `jobs`.
  m.clock.advance(600_000);
  return m;
}
