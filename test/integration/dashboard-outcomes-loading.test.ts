import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { dispatch } from '../../src/main/transports/dispatch';
import type { DashboardView, OutcomeCounts } from '../../src/shared/dashboard';
import { seedInventory, seedJobs } from '../../tools/manager-sim/seed';
import { Simulator } from '../../tools/manager-sim/simulator';

const JOBS = 400;
let sim: Simulator;
let backend: Backend;

async function ui<T = any>(name: string, input: unknown): Promise<T> {
  const res = await dispatch(backend.handlers, name, input);
  if (!res.ok) throw new Error(`${name}: ${res.message}`);
  return res.value as T;
}

const sum = (o: OutcomeCounts) => o.succeeded + o.partial + o.unconfirmed + o.failed + o.timed_out;

beforeAll(async () => {
  sim = new Simulator();
  const m = await sim.addManager('eu');
  seedInventory(m, { net: 1, clusters: [{ name: 'eu-a', seedPeers: 1, peers: 3 }] });
  seedJobs(m, { count: JOBS, spanMs: 12 * 3600_000, failure: 0.1, pending: 0 });
  // Past the longest run, so every job has ended and the day's outcomes add up to JOBS.
  m.clock.advance(600_000);
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
    expect(loading.some((v) => sum(v.managers[0]!.outcomes24h) < JOBS)).toBe(true);
    for (const v of seen.filter((x) => !x.managers[0]!.outcomesLoading)) expect(sum(v.managers[0]!.outcomes24h)).toBe(JOBS);
    // Each cluster's row says the same as its manager's card.
    for (const v of seen) for (const t of v.clusters) expect(t.outcomesLoading).toBe(v.managers[0]!.outcomesLoading);
    expect(seen.some((v) => v.clusters.length > 0 && v.clusters[0]!.outcomesLoading)).toBe(true);
  });
});
