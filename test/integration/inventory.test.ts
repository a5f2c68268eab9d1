import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryService } from '../../src/main/dashboard/inventory';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { startSim } from '../helpers/sim';

let sim: Simulator;
let registry: ManagerRegistry;
let inventory: InventoryService;
let eu: string;

beforeAll(async () => {
  sim = await startSim([{ name: 'eu' }]);
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-inventory-'));
  registry = new ManagerRegistry({ dataDir, secrets: new MemoryStore() });
  await registry.load();
  eu = (await registry.add({ name: 'eu', baseUrl: sim.get('eu').url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
  inventory = new InventoryService({ dataDir, registry, onChanged: () => undefined });
  await inventory.load();
});

afterAll(async () => {
  inventory.dispose();
  await registry.dispose();
  await sim.close();
});

describe('what waits for the inventory', () => {
  it('waits for the first refresh of every manager, but no longer than its bound for a slow one', async () => {
    let firstEnded = false;
    void inventory.firstRefresh.then(() => (firstEnded = true));
    Object.assign(sim.get('eu').faults, { latencyMs: 1500, pathPrefix: '/api/v1/clusters' });
    try {
      inventory.refresh();
      await inventory.settledWithin(10);
      expect(inventory.get(eu).refreshing).toBe(true);
      expect(firstEnded).toBe(false);
      await inventory.firstRefresh;
      expect(inventory.get(eu)).toMatchObject({ loaded: true, refreshing: false, error: null });
      expect(inventory.get(eu).clusters?.map((c) => c.name)).toEqual(['eu-a', 'eu-b']);
    } finally {
      Object.assign(sim.get('eu').faults, { latencyMs: 0, pathPrefix: '' });
    }
  });

  it('has nothing to wait for once the refreshes have ended', async () => {
    await inventory.settledWithin(60_000);
    expect(inventory.get(eu).refreshing).toBe(false);
  });
});
