import { z } from 'zod';
import { mapLimit } from '../jobs/map-limit';
import type { ManagerClient } from '../manager-client/client';
import type { Cluster } from '../manager-client/wire-format';
import { schedulerClusterOf } from './health';

export interface PeerCount {
  total: number;
  active: number;
  /** The newest `updated_at` of the peers probed: the manager's peers table is written by its daily sync. */
  lastSyncedAt: string | null;
}

export interface PeerCounts {
  total: number;
  byCluster: Map<number, PeerCount>;
}

/** Peer counts as kept on disk with the inventory: the map as entries. */
export const StoredPeerCounts = z.object({
  total: z.number(),
  byCluster: z.array(z.tuple([z.number(), z.object({ total: z.number(), active: z.number(), lastSyncedAt: z.string().nullable() })])),
});

export const storedPeerCounts = (p: PeerCounts): z.infer<typeof StoredPeerCounts> => ({ total: p.total, byCluster: [...p.byCluster] });
export const peerCountsFrom = (p: z.infer<typeof StoredPeerCounts>): PeerCounts => ({ total: p.total, byCluster: new Map(p.byCluster) });

/** Whether `counts` has a count for every scheduler cluster of `clusters` (a cluster added since has none). */
export const countsCover = (counts: PeerCounts, clusters: Cluster[]) => clusters.every((c) => counts.byCluster.has(schedulerClusterOf(c)));

/** Probes in flight per manager: a fleet of 50 clusters makes 101 small requests per refresh. */
const PROBES_IN_FLIGHT = 8;

const newest = (...dates: (string | undefined)[]) => {
  const ms = Math.max(0, ...dates.map((d) => (d ? Date.parse(d) || 0 : 0)));
  return ms > 0 ? new Date(ms).toISOString() : null;
};

/**
 * Peers counted per scheduler cluster without reading them: one `per_page=1` probe for all and one
 * for the active ones per cluster, plus one for the manager's total. A manager with 200,000 peers
 * costs a few hundred KB instead of every peer every refresh; the per-version breakdown is read
 * only on a cluster's detail page.
 */
export async function countPeers(client: ManagerClient, clusters: Cluster[]): Promise<PeerCounts> {
  const ids = [...new Set(clusters.map(schedulerClusterOf))];
  const [all, perCluster] = await Promise.all([client.probePeers({}), probeClusters(client, ids)]);
  return { total: all.total, byCluster: new Map(ids.map((id, i) => [id, perCluster[i]!])) };
}

async function probeClusters(client: ManagerClient, ids: number[]): Promise<PeerCount[]> {
  const results = await mapLimit(ids, PROBES_IN_FLIGHT, async (id) => {
    const [every, active] = await Promise.all([client.probePeers({ scheduler_cluster_id: id }), client.probePeers({ scheduler_cluster_id: id, state: 'active' })]);
    return { total: every.total, active: active.total, lastSyncedAt: newest(every.sample?.updated_at, active.sample?.updated_at) };
  });
  return results.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
}
