import { runKillSoak } from './lib/kill-soak';

/**
 * `npm run bench:kills`: 1,000 kill -9s of a process writing managers.json, settings, the job history
 * and the targets cache as fast as it can, each at a random moment; after each, every store is opened
 * as the app would and checked: readable, and no acknowledged write lost.
 */
async function main() {
  const report = await runKillSoak({ kills: Number(process.env.BENCH_KILLS ?? 1000), seed: Number(process.env.BENCH_SEED ?? 2026) });
  console.log(JSON.stringify({ bench: 'kill-soak', at: new Date().toISOString(), ...report }, null, 2));
  const ok = report.corrupt === 0 && report.lost === 0;
  console.log(ok ? 'every store readable, no acknowledged write lost' : 'FAILED: see the problems above');
  process.exit(ok ? 0 : 1);
}

void main();
