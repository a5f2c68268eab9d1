import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { dispatch } from '../../src/main/transports/dispatch';
import { uiCall } from '../helpers/ui-call';
import type { ClusterDetail, DashboardView } from '../../src/shared/dashboard';
import { seedInventory } from '../../tools/manager-sim/seed';
import { Simulator } from '../../tools/manager-sim/simulator';

const PAT = 'ZGFzaGJvYXJkLXRlc3QtcGF0LTAwMDAwMDAwMDAwMDAwMDAwMDA';
let sim: Simulator;
let backend: Backend;
const ids: Record<string, string> = {};

const ui = <T = any>(name: string, input: unknown) => uiCall<T>(backend, name, input);

/** The view once every manager's inventory answered (or failed). */
async function settledView(range = '24h'): Promise<DashboardView> {
  for (;;) {
    const v = await ui<DashboardView>('dashboard.view', { range });
    if (v.managers.every((m) => m.loaded && !m.refreshing)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  sim = new Simulator();
  const eu = await sim.addManager('eu');
  seedInventory(eu, {
    net: 1,
    clusters: [
      { name: 'eu-a', seedPeers: 2, peers: 30 },
      { name: 'eu-b', preheatFeature: false, seedPeers: 1, peers: 5 },
      { name: 'eu-c', seedPeers: 0, peers: 3 },
    ],
  });
  const us = await sim.addManager('us');
  seedInventory(us, { net: 2, clusters: [{ name: 'us-a', peers: 4 }] });
  us.addPat({ token: PAT });
  const down = await sim.addManager('down');
  backend = await createBackend({ dataDir: mkdtempSync(join(tmpdir(), 'desk-dash-')), keychain: null, transport: 'web', version: 'test', watch: { busyMs: 60_000, idleMs: 60_000 } });
  ids.eu = (await ui('managers.add', { name: 'eu', baseUrl: eu.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })).id;
  ids.us = (await ui('managers.add', { name: 'us', baseUrl: us.url, auth: { kind: 'pat', token: PAT } })).id;
  ids.down = (await ui('managers.add', { name: 'down', baseUrl: down.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })).id;
  await down.stop();
});

afterAll(async () => {
  await backend.dispose();
  await sim.close();
});

describe('the dashboard', () => {
  it('counts each manager\'s inventory, says what a token cannot see, and shows a dead manager\'s error', async () => {
    const v = await settledView();
    const m = (name: string) => v.managers.find((x) => x.managerName === name)!;
    expect(m('eu')).toMatchObject({ error: null, clusters: 3, schedulers: { active: 3, total: 3, withPreheat: 2 }, seedPeers: { active: 3, total: 3 }, peers: 38, hidden: null });
    expect(m('eu').latencyMs).toBeGreaterThanOrEqual(0);
    expect(m('us')).toMatchObject({ error: null, clusters: 1, schedulers: null, seedPeers: null, peers: null });
    expect(m('us').hidden).toMatch(/personal access token reaches only jobs and clusters/);
    expect(m('down').error).toMatch(/down|refused|reach/i);
    expect(m('down').clusters).toBeNull();
  });

  it('flags the cluster whose scheduler lacks the preheat feature, and the one without seed peers', async () => {
    const v = await settledView();
    const tile = (name: string) => v.clusters.find((c) => c.name === name)!;
    expect(tile('eu-a')).toMatchObject({ canPreheat: true, warnings: [], peers: { total: 30 } });
    expect(tile('eu-b')).toMatchObject({ canPreheat: false, reason: 'No active scheduler has the preheat feature (features: schedule)' });
    expect(tile('eu-c').canPreheat).toBe(true);
    expect(tile('eu-c').warnings[0]).toMatch(/^Cannot tell whether a seed peer runs here: none is registered in the manager/);
    expect(tile('us-a')).toMatchObject({ canPreheat: null, schedulers: null });
  });

  it('reads each inventory list once per manager per refresh and counts peers with small probes', async () => {
    const eu = sim.get('eu');
    const before = eu.requestLog.length;
    await ui('dashboard.refresh', {});
    await new Promise((r) => setTimeout(r, 100));
    await settledView();
    const paths = eu.requestLog.slice(before).map((r) => r.path).filter((p) => !p.includes('/jobs') && !p.includes('signin'));
    // Peers are counted, never listed: one probe for the manager, two (all, active) per cluster.
    expect(paths.filter((p) => p !== '/api/v1/peers').sort()).toEqual(['/api/v1/clusters', '/api/v1/schedulers', '/api/v1/seed-peers', '/healthy']);
    expect(paths.filter((p) => p === '/api/v1/peers')).toHaveLength(1 + 2 * 3);
  });

  it('details one cluster: schedulers, seed peers, peers by version, and the peers as CSV', async () => {
    const d = await ui<ClusterDetail>('clusters.detail', { managerId: ids.eu, clusterId: 1 });
    expect(d.cluster).toMatchObject({ name: 'eu-a', schedulerClusterId: 1, seedPeerClusterId: 1, limits: { jobRateLimit: 10, candidateParentLimit: 3, filterParentLimit: 15 } });
    expect(d.schedulers).toEqual([expect.objectContaining({ hostname: 'eu-a-scheduler-0', state: 'active', features: ['schedule', 'preheat'] })]);
    expect(d.seedPeers).toHaveLength(2);
    expect(d.peers).toMatchObject({ total: 30, byVersion: [{ value: 'v1.0.12', count: 24 }, { value: 'v1.0.9', count: 6 }] });
    const csv = await ui<{ content: string; count: number }>('clusters.peersCsv', { managerId: ids.eu, clusterId: 1 });
    expect(csv.count).toBe(30);
    const lines = csv.content.trimEnd().split('\r\n');
    expect(lines[0]).toBe('hostname,ip,type,state,idc,location,os,platform,git_version,git_commit,updated_at');
    expect(lines[1]).toMatch(/^eu-a-node-000,10\.1\.1\.50,normal,active,/);
    expect(lines).toHaveLength(31);

    await expect(dispatch(backend.handlers, 'clusters.detail', { managerId: ids.eu, clusterId: 99 })).resolves.toMatchObject({ ok: false, message: 'eu has no cluster with id 99' });
    await expect(dispatch(backend.handlers, 'clusters.peersCsv', { managerId: ids.us, clusterId: 1 })).resolves.toMatchObject({ ok: false, message: expect.stringMatching(/^us: A personal access token reaches only/) });
  });
});

describe('a slow manager', () => {
  it('holds nothing up: the others refresh while it is still answering, and its last figures stay', async () => {
    const us = sim.get('us');
    us.faults.latencyMs = 6000;
    try {
      const before = (await settledView()).managers.find((m) => m.managerName === 'eu')!.fetchedAt!;
      await ui('dashboard.refresh', {});
      let v: DashboardView;
      do {
        await new Promise((r) => setTimeout(r, 50));
        v = await ui<DashboardView>('dashboard.view', { range: '24h' });
      } while (v.managers.find((m) => m.managerName === 'eu')!.fetchedAt === before);
      expect(v.managers.find((m) => m.managerName === 'us')!.refreshing).toBe(true);
      expect(v.clusters.filter((c) => c.managerName === 'us')).toHaveLength(1);
    } finally {
      us.faults.latencyMs = 0;
    }
  });
});
