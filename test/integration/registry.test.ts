import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { startSim } from '../helpers/sim';

let sim: Simulator;
let registry: ManagerRegistry;

beforeAll(async () => {
  sim = await startSim([{ name: 'eu', jobs: 5 }]);
  // The manager refuses a second sign-in of a user within a second; a frozen clock makes that forever.
  sim.clock.freeze();
  registry = new ManagerRegistry({ dataDir: mkdtempSync(join(tmpdir(), 'desk-registry-')), secrets: new MemoryStore() });
  await registry.load();
});

afterAll(async () => {
  await registry.dispose();
  await sim.close();
});

const input = (name: string) => ({ name, baseUrl: sim.get('eu').url, auth: { kind: 'password' as const, username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false });
const signIns = () => sim.get('eu').requestLog.filter((r) => r.path === '/api/v1/users/signin').length;

it('callers asking at the same moment share one client, so the manager sees one sign-in', async () => {
  const { id } = await registry.add(input('eu'));
  const before = signIns();
  const clients = await Promise.all([1, 2, 3, 4].map(() => registry.client(id)));
  expect(new Set(clients).size).toBe(1);
  const pages = await Promise.all(clients.map((c) => c.listJobs({ page: 1, perPage: 10 })));
  expect(pages.map((p) => p.jobs.length)).toEqual([5, 5, 5, 5]);
  expect(signIns() - before).toBe(1);
});

it('an edit gives the manager a new client with the new settings', async () => {
  const { id } = await registry.add(input('eu-2'));
  const old = await registry.client(id);
  await registry.update(id, { ...input('eu-2'), name: 'eu-renamed' });
  const next = await registry.client(id);
  expect(next).not.toBe(old);
  expect(next.name).toBe('eu-renamed');
});
