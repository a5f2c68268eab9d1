import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryService, PEER_COUNT_REFRESH_MS } from '../../src/main/dashboard/inventory';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { startSim } from '../helpers/sim';

let sim: Simulator;
let registry: ManagerRegistry;
let inventory: InventoryService;
let eu: string;
let dataDir: string;

beforeAll(async () => {
  sim = await startSim([{ name: 'eu' }]);
  dataDir = mkdtempSync(join(tmpdir(), 'desk-inventory-'));
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
  it('waits for the refreshes under way, but no longer than its bound for a slow one', async () => {
    Object.assign(sim.get('eu').faults, { latencyMs: 1500, pathPrefix: '/api/v1/clusters' });
    try {
      inventory.refresh();
      await inventory.settledWithin(10);
      expect(inventory.get(eu).refreshing).toBe(true);
      await inventory.settledWithin(60_000);
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

describe('peer counts', () => {
  // The manager's peers table is a daily snapshot: counting it at every refresh read the same figures.
  let clock = Date.parse('2026-12-03T12:00:00Z');
  const now = () => clock;
  const log = () => sim.get('eu').requestLog;
  /** The paths a refresh asked eu for, the peer probes as one count. */
  async function refreshed(service: InventoryService, force = false) {
    const before = log().length;
    await service.refreshAll(force);
    const paths = log().slice(before).map((r) => r.path);
    return { lists: paths.filter((p) => p === '/api/v1/clusters').length, probes: paths.filter((p) => p === '/api/v1/peers').length };
  }

  it('counts again every 10 minutes, on a forced refresh, after an edit and for a new cluster, and keeps the counts in between', async () => {
    const service = new InventoryService({ dataDir, registry, onChanged: () => undefined, now });
    await service.load();
    try {
      expect(await refreshed(service, true)).toEqual({ lists: 1, probes: 1 + 2 * 2 });
      expect(service.get(eu).peers?.total).toBe(10);
      sim.get('eu').addPeer({ clusterId: 1, hostName: 'eu-a-node-new', ip: '10.1.1.99', gitVersion: 'v1.0.12', gitCommit: '8e2d7b1' });

      clock += 61_000;
      expect(await refreshed(service)).toEqual({ lists: 1, probes: 0 });
      expect(service.get(eu)).toMatchObject({ refreshing: false, error: null, peers: { total: 10 } });

      clock += PEER_COUNT_REFRESH_MS;
      expect(await refreshed(service)).toEqual({ lists: 1, probes: 5 });
      expect(service.get(eu).peers?.total).toBe(11);
      expect(service.get(eu).peers?.byCluster.get(1)).toMatchObject({ total: 7, active: 7 });

      expect(await refreshed(service, true)).toEqual({ lists: 1, probes: 5 });

      // An edit may point it at another manager: its counts are not taken for the new one's.
      await registry.update(eu, { name: 'eu', baseUrl: sim.get('eu').url, auth: { kind: 'password', username: 'root' }, caCertPath: null, skipTlsVerify: false });
      clock += 61_000;
      expect(await refreshed(service)).toEqual({ lists: 1, probes: 5 });
      clock += 61_000;
      expect(await refreshed(service)).toEqual({ lists: 1, probes: 0 });

      sim.get('eu').addCluster({ name: 'eu-c' });
      clock += 61_000;
      expect(await refreshed(service)).toEqual({ lists: 1, probes: 1 + 2 * 3 });
      expect(service.get(eu).peers?.byCluster.get(3)).toMatchObject({ total: 0, active: 0 });
    } finally {
      service.dispose();
    }
  });

  it('keeps the counts on disk, so a restart within 10 minutes shows them without counting again', async () => {
    const restarted = new InventoryService({ dataDir, registry, onChanged: () => undefined, now });
    await restarted.load();
    try {
      expect(restarted.get(eu)).toMatchObject({ loaded: true, peers: { total: 11 }, peersCountedAt: clock });
      clock += 61_000;
      expect(await refreshed(restarted)).toEqual({ lists: 1, probes: 0 });
      expect(restarted.get(eu).peers?.total).toBe(11);
    } finally {
      restarted.dispose();
    }
  });
});
