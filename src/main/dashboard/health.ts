import type { Cluster, Scheduler, SeedPeer } from '../manager-client/wire-format';
import type { PeerCounts } from './peer-counts';
import { preheatCapability } from '../preheats/target-catalog';

/** What a token login cannot see on the dashboard, said once instead of showing zeros. */
export const TOKEN_HIDES =
  'A personal access token reaches only jobs and clusters: schedulers, seed peers and peers need a password login (a guest account is enough).';

/** Peers are a snapshot the manager writes daily; older than this, the counts are likely stale. */
export const PEERS_STALE_MS = 2 * 86400_000;

export interface Inventory {
  schedulers: Scheduler[] | null;
  seedPeers: SeedPeer[] | null;
  /** Counted, not listed: see peer-counts.ts. */
  peers: PeerCounts | null;
}

const active = <T extends { state: string }>(list: T[]) => ({ active: list.filter((x) => x.state === 'active').length, total: list.length });

export const seedPeerClusterOf = (c: Cluster) => c.seed_peer_cluster_id ?? c.id;
export const schedulerClusterOf = (c: Cluster) => c.scheduler_cluster_id ?? c.id;

/** Inventory grouped by cluster once per refresh, so a thousand tiles do not each scan every list. */
export function groupInventory(inv: Inventory) {
  const by = <T>(list: T[] | null, key: (x: T) => number | null | undefined) => {
    if (!list) return null;
    const out = new Map<number, T[]>();
    for (const x of list) {
      const k = key(x) ?? 0;
      const l = out.get(k);
      if (l) l.push(x);
      else out.set(k, [x]);
    }
    return out;
  };
  return {
    schedulers: by(inv.schedulers, (s) => s.scheduler_cluster_id),
    seedPeers: by(inv.seedPeers, (p) => p.seed_peer_cluster_id),
    peers: inv.peers?.byCluster ?? null,
  };
}

export type GroupedInventory = ReturnType<typeof groupInventory>;

/**
 * The health of one cluster: whether it can take a preheat now (an active scheduler with the
 * `preheat` feature), and the consequences of what is missing.
 */
export function clusterHealth(c: Cluster, g: GroupedInventory, now: number, seen: readonly { hostname: string }[] = []) {
  const sid = schedulerClusterOf(c);
  const schedulers = g.schedulers ? (g.schedulers.get(sid) ?? []) : null;
  const seedPeers = g.seedPeers ? (g.seedPeers.get(seedPeerClusterOf(c)) ?? []) : null;
  const peers = g.peers ? (g.peers.get(sid) ?? { total: 0, active: 0, lastSyncedAt: null }) : null;
  const capability = preheatCapability(sid, schedulers);
  const warnings: string[] = [];
  const seedCounts = seedPeers ? active(seedPeers) : null;
  // The manager's list misses Rust seed peers (dfdaemon never registers): one seen confirming a preheat runs.
  if (capability.canPreheat && seedCounts && seedCounts.active === 0 && seen.length === 0) {
    warnings.push(
      seedCounts.total === 0
        ? 'Cannot tell whether a seed peer runs here: none is registered in the manager (the Rust seed peer, dfdaemon, never registers) and none confirmed a preheat here in the last 24 h. If none runs, preheats scoped to seed peers (the default scope) fail with "no available seed peer".'
        : `All ${seedCounts.total} registered seed peers are inactive, and none confirmed a preheat here in the last 24 h: preheats scoped to seed peers (the default scope) may fail here`,
    );
  }
  const synced = peers?.lastSyncedAt ? Date.parse(peers.lastSyncedAt) : 0;
  if (synced > 0 && now - synced > PEERS_STALE_MS) warnings.push(`The peer list was last synced ${Math.floor((now - synced) / 86400_000)} days ago (the manager syncs peers daily)`);
  return {
    ...capability,
    warnings,
    schedulers: schedulers ? { ...active(schedulers), withPreheat: schedulers.filter((s) => s.state === 'active' && s.features.includes('preheat')).length } : null,
    seedPeers: seedCounts,
    peers,
  };
}
