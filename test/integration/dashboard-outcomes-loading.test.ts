import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { endedJobsManager } from '../helpers/sim';
import { outcomeSum, uiCall } from '../helpers/ui-call';
import type { DashboardView } from '../../src/shared/dashboard';
import { Simulator } from '../../tools/manager-sim/simulator';

const JOBS = 400;
let sim: Simulator;
let backend: Backend;

const ui = <T = any>(name: string, input: unknown) => uiCall<T>(backend, name, input);


beforeAll(async () => {
  sim = new Simulator();
  const m = await endedJobsManager(sim, JOBS);
  // Slow job pages: the last day takes several answers to read, so the overview is seen mid-way.
  m.faults = { ...m.faults, latencyMs: 150, pathPrefix: '/api/v1/jobs' };
  backend = await createBackend({
    dataDir: mkdtempSync(join(tmpdir(), 'desk-dash-loading-')),
    keychain: null,
    transport: 'web',
    version: 'test',
    jobs: { perPage: 50 },
    watch: { busyMs: 60_000, idleMs: 60_000 },
  });
  await ui('managers.add', { name: 'eu', baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
});

afterAll(async () => {
  await backend.dispose();
  await sim.close();
});

describe('the overview while the last day is read', () => {
  it('says the 24 h outcomes are still loading until every job of the day is in, on the card and the cluster rows, and never shows a partial count as final', async () => {
    const seen: DashboardView[] = [];
    for (;;) {
      const v = await ui<DashboardView>('dashboard.view', { range: '24h' });
      seen.push(v);
      const m = v.managers[0]!;
      if (!m.outcomesLoading && !m.refreshing) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const loading = seen.filter((v) => v.managers[0]!.outcomesLoading);
    expect(loading.length).toBeGreaterThan(0);
    // Counts below the truth were on screen only while flagged as loading.
    expect(loading.some((v) => outcomeSum(v.managers[0]!.outcomes24h) < JOBS)).toBe(true);
    for (const v of seen.filter((x) => !x.managers[0]!.outcomesLoading)) expect(outcomeSum(v.managers[0]!.outcomes24h)).toBe(JOBS);
    // Each cluster's row says the same as its manager's card.
    for (const v of seen) for (const t of v.clusters) expect(t.outcomesLoading).toBe(v.managers[0]!.outcomesLoading);
    expect(seen.some((v) => v.clusters.length > 0 && v.clusters[0]!.outcomesLoading)).toBe(true);
  });
});
