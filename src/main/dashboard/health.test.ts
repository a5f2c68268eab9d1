import { describe, expect, it } from 'vitest';
import type { Cluster, Scheduler, SeedPeer } from '../manager-client/wire-format';
import type { PeerCounts } from './peer-counts';
import { clusterHealth, groupInventory } from './health';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const cluster = (id: number): Cluster => ({ id, name: `c${id}`, bio: '', is_default: false, scheduler_cluster_id: id, seed_peer_cluster_id: id, created_at: '' }) as Cluster;
const scheduler = (clusterId: number, state: string, features: string[]): Scheduler =>
  ({ id: 1, host_name: 's', ip: '10.0.0.1', state, features, last_keep_alive_at: '', idc: '', location: '', scheduler_cluster_id: clusterId }) as Scheduler;
const seedPeer = (clusterId: number, state: string): SeedPeer => ({ id: 1, host_name: 'sp', ip: '10.0.0.2', state, seed_peer_cluster_id: clusterId }) as SeedPeer;
const peers = (counts: [clusterId: number, total: number, active: number, lastSyncedAt: string][]): PeerCounts => ({
  total: counts.reduce((n, c) => n + c[1], 0),
  byCluster: new Map(counts.map(([id, total, active, lastSyncedAt]) => [id, { total, active, lastSyncedAt }])),
});

const health = (inv: { schedulers: Scheduler[] | null; seedPeers?: SeedPeer[] | null; peers?: PeerCounts | null }, id = 1) =>
  clusterHealth(cluster(id), groupInventory({ schedulers: inv.schedulers, seedPeers: inv.seedPeers ?? null, peers: inv.peers ?? null }), NOW);

describe('can a cluster take a preheat', () => {
  it('yes, with an active scheduler that has the preheat feature', () => {
    const h = health({ schedulers: [scheduler(1, 'active', ['schedule', 'preheat'])], seedPeers: [seedPeer(1, 'active')] });
    expect(h).toMatchObject({ canPreheat: true, reason: null, warnings: [], schedulers: { active: 1, total: 1, withPreheat: 1 }, seedPeers: { active: 1, total: 1 } });
  });

  it('no, when its only active scheduler lacks the feature, and says which features it has', () => {
    const h = health({ schedulers: [scheduler(1, 'active', ['schedule']), scheduler(2, 'active', ['preheat'])] });
    expect(h.canPreheat).toBe(false);
    expect(h.reason).toBe('No active scheduler has the preheat feature (features: schedule)');
  });

  it('no, when its schedulers are inactive or there are none', () => {
    expect(health({ schedulers: [scheduler(1, 'inactive', ['preheat'])] }).reason).toBe('Its scheduler is inactive');
    expect(health({ schedulers: [] }).reason).toBe('No scheduler is registered in this cluster');
  });

  it('unknown to a token login, which cannot see schedulers', () => {
    const h = health({ schedulers: null });
    expect(h.canPreheat).toBeNull();
    expect(h.schedulers).toBeNull();
    expect(h.seedPeers).toBeNull();
  });

  it('says plainly it cannot tell when no seed peer is registered and none was seen in a preheat', () => {
    const none = health({ schedulers: [scheduler(1, 'active', ['preheat'])], seedPeers: [] });
    expect(none.canPreheat).toBe(true);
    expect(none.warnings).toEqual([
      'Cannot tell whether a seed peer runs here: none is registered in the manager (the Rust seed peer, dfdaemon, never registers) and none confirmed a preheat here in the last 24 h. If none runs, preheats scoped to seed peers (the default scope) fail with "no available seed peer".',
    ]);
    const inactive = health({ schedulers: [scheduler(1, 'active', ['preheat'])], seedPeers: [seedPeer(1, 'inactive'), seedPeer(1, 'inactive'), seedPeer(2, 'active')] });
    expect(inactive.warnings).toEqual(['All 2 registered seed peers are inactive, and none confirmed a preheat here in the last 24 h: preheats scoped to seed peers (the default scope) may fail here']);
  });

  it('is not a false red where the manager lists no seed peer but one confirmed a preheat: the Rust seed peer never registers', () => {
    const seen = clusterHealth(cluster(1), groupInventory({ schedulers: [scheduler(1, 'active', ['preheat'])], seedPeers: [], peers: null }), NOW, [{ hostname: 'desk-seed-1' }]);
    expect(seen.warnings).toEqual([]);
    expect(seen.canPreheat).toBe(true);
  });

  it("gives each cluster its peer counts, and warns when the peer list is older than two days", () => {
    const fresh = health({ schedulers: [], peers: peers([[1, 3, 2, '2026-11-26T02:00:00.000Z'], [2, 1, 1, '2026-11-26T11:00:00.000Z']]) });
    expect(fresh.peers).toEqual({ active: 2, total: 3, lastSyncedAt: '2026-11-26T02:00:00.000Z' });
    expect(fresh.warnings).toEqual([]);
    expect(health({ schedulers: [], peers: peers([]) }).peers).toEqual({ active: 0, total: 0, lastSyncedAt: null });
    const stale = health({ schedulers: [scheduler(1, 'active', ['preheat'])], seedPeers: [seedPeer(1, 'active')], peers: peers([[1, 1, 1, '2026-11-22T12:00:00.000Z']]) });
    expect(stale.warnings).toEqual(['The peer list was last synced 4 days ago (the manager syncs peers daily)']);
  });
});
