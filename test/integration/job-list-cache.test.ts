import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { endedJobsManager } from '../helpers/sim';
import { outcomeSum, uiCall } from '../helpers/ui-call';
import type { DashboardView, OutcomeCounts } from '../../src/shared/dashboard';
import { Simulator } from '../../tools/manager-sim/simulator';

/** The list's ended jobs outlive a restart: the overview still counts the day's successes with the manager out of reach. */
const JOBS = 120;
const dataDir = mkdtempSync(join(tmpdir(), 'desk-list-cache-'));
let sim: Simulator;
let backend: Backend;

const ui = <T = any>(name: string, input: unknown) => uiCall<T>(backend, name, input);
const start = () => createBackend({ dataDir, keychain: null, transport: 'web', version: 'test', watch: { busyMs: 60_000, idleMs: 60_000 } });

let before: OutcomeCounts;

beforeAll(async () => {
  sim = new Simulator();
  const m = await endedJobsManager(sim, JOBS);
  backend = await start();
  await ui('managers.add', { name: 'eu', baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
  for (;;) {
    const card = (await ui<DashboardView>('dashboard.view', { range: '24h' })).managers[0]!;
    if (!card.outcomesLoading && !card.refreshing && outcomeSum(card.outcomes24h) === JOBS) {
      before = card.outcomes24h;
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await backend.dispose();
  await sim.close();
  backend = await start();
});

afterAll(async () => {
  await backend.dispose();
});

describe('the job list across a restart', () => {
  it('keeps the day’s ended jobs on disk, so the overview counts them with the manager out of reach', async () => {
    expect(before.succeeded).toBeGreaterThan(0);
    const card = (await ui<DashboardView>('dashboard.view', { range: '24h' })).managers[0]!;
    expect(card.outcomes24h).toEqual(before);
    const page = await ui('jobs.query', { filter: {}, offset: 0, limit: 500 });
    expect(page.total).toBe(JOBS);
  });

  it('writes that cache for its owner alone, with no password in it', () => {
    const dir = join(dataDir, 'job-list');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(statSync(join(dir, files[0]!)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, files[0]!), 'utf8')).not.toContain('dragonfly');
  });
});
