import { expect, it } from 'vitest';
import { runFaultSoak } from '../../bench/lib/fault-soak';

/** `npm run bench:faults` runs 1,000; this is the same soak at a size a test run affords. */
it('every part of 60 submissions under random faults ends with exactly one job, none claimed falsely, none duplicated', async () => {
  const r = await runFaultSoak({ submissions: 60, seed: 7 });
  // The faults really happened, of every kind.
  for (const n of Object.values(r.faults)) expect(n).toBeGreaterThan(0);
  expect(r.othersJobs).toBeGreaterThan(0);
  expect({ duplicates: r.duplicates, falseClaims: r.falseClaims, notExactlyOnce: r.notExactlyOnce, notCreated: r.notCreated }).toEqual({
    duplicates: 0,
    falseClaims: 0,
    notExactlyOnce: 0,
    notCreated: 0,
  });
  expect(r.created).toBe(r.parts);
  // Bounded: a part is sent by the outbox at most a handful of times, never in a loop.
  expect(r.maxSends).toBeLessThanOrEqual(10);
}, 240_000);
