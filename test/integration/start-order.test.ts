import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { startSim } from '../helpers/sim';
import { uiCall } from '../helpers/ui-call';
import type { Simulator } from '../../tools/manager-sim/simulator';

/** On a start with managers known, the first screen's inventory goes first, alone on the managers. */
const dataDir = mkdtempSync(join(tmpdir(), 'desk-start-order-'));
const start = () => createBackend({ dataDir, keychain: null, secretStorage: 'file', transport: 'web', version: 'test', watch: { busyMs: 60_000, idleMs: 60_000 } });
const SLOW_MS = 400;
let sim: Simulator;
let backend: Backend | null = null;

beforeAll(async () => {
  sim = await startSim([{ name: 'eu', jobs: 30 }]);
  backend = await start();
  await uiCall(backend, 'managers.add', { name: 'eu', baseUrl: sim.get('eu').url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
  // The connection check after adding signs in and keeps the session: the next start uses it.
  while (!(await uiCall<{ lastReport: unknown }[]>(backend, 'managers.list', {}))[0]!.lastReport) await new Promise((r) => setTimeout(r, 20));
  await backend.dispose();
  backend = null;
});

afterAll(async () => {
  await backend?.dispose();
  await sim.close();
});

describe('a start with managers known', () => {
  it('reads the inventory first; the job lists and the watcher ask once it is in', async () => {
    const eu = sim.get('eu');
    Object.assign(eu.faults, { latencyMs: SLOW_MS, pathPrefix: '/api/v1/schedulers' });
    try {
      const from = eu.requestLog.length;
      backend = await start();
      const since = () => eu.requestLog.slice(from);
      // The watcher's look at what is pending, and the job list's first page.
      while (!since().some((r) => r.path === '/api/v1/jobs' && r.query.includes('state=PENDING')) || !since().some((r) => r.path === '/api/v1/jobs' && !r.query.includes('state='))) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const schedulers = since().find((r) => r.path === '/api/v1/schedulers')!;
      const firstJobs = since().find((r) => r.path === '/api/v1/jobs')!;
      expect(firstJobs.at).toBeGreaterThanOrEqual(schedulers.at + SLOW_MS);
      // With its session kept, a start signs in to no manager.
      expect(since().filter((r) => r.path === '/api/v1/users/signin')).toEqual([]);
    } finally {
      Object.assign(eu.faults, { latencyMs: 0, pathPrefix: '' });
    }
  });
});
