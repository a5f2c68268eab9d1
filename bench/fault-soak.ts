import { runFaultSoak } from './lib/fault-soak';

/**
 * `npm run bench:faults`: 1,000 submissions through the outbox against three simulated managers that
 * fail at random (30 % of job requests: resets before and after the create, answers slower than the
 * client waits, a proxy's 502, 429s), with colleagues creating identical preheats in between. Prints
 * the counts: jobs per part, duplicates, false claims, faults injected.
 */
async function main() {
  const submissions = Number(process.env.BENCH_SUBMISSIONS ?? 1000);
  const report = await runFaultSoak({ submissions, seed: Number(process.env.BENCH_SEED ?? 2026) });
  console.log(JSON.stringify({ bench: 'fault-soak', at: new Date().toISOString(), ...report }, null, 2));
  const ok = report.duplicates === 0 && report.falseClaims === 0 && report.notExactlyOnce === 0 && report.notCreated === 0;
  console.log(ok ? 'every part: exactly one job, no false claim' : 'FAILED: see the counts above');
  process.exit(ok ? 0 : 1);
}

void main();
