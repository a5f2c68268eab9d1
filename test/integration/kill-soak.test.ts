import { expect, it } from 'vitest';
import { runKillSoak } from '../../bench/lib/kill-soak';

/** `npm run bench:kills` runs 1,000 kills; this is the same soak at a size a test run affords. */
it('25 kill -9s while managers.json, settings, history, the targets cache and a draft are written: every store readable, no acknowledged write lost', async () => {
  const r = await runKillSoak({ kills: 25, seed: 11 });
  expect(r.kills).toBe(25);
  expect(r.acknowledged).toBeGreaterThan(25);
  expect({ corrupt: r.corrupt, lost: r.lost, problems: r.problems }).toEqual({ corrupt: 0, lost: 0, problems: [] });
}, 240_000);
