import { create } from 'zustand';
import type { ClusterDetail } from '@shared/dashboard';
import { download } from '@renderer/lib/export';
import { pageDetail, type PageDetail } from '@renderer/lib/page-detail';
import { call } from '@renderer/transport/api';

type ClusterRef = { managerId: string; clusterId: number };

interface ClusterState extends PageDetail<ClusterRef, ClusterDetail> {
  csvError: string | null;
  /** Download the manager's snapshot of the cluster's peers as CSV. */
  exportPeers(): Promise<void>;
}

/** One scheduler cluster in full: limits, scopes, schedulers, seed peers and peers. */
export const useCluster = create<ClusterState>()((set, get) => ({
  ...pageDetail<ClusterRef, ClusterDetail, ClusterState>(set, get, (ref) => call('clusters.detail', ref), { csvError: null }),
  csvError: null,
  async exportPeers() {
    const { ref, detail } = get();
    if (!ref) return;
    const res = await call('clusters.peersCsv', ref);
    if (!res.ok) return set({ csvError: res.message });
    set({ csvError: null });
    download(`${detail?.managerName ?? 'manager'}-${detail?.cluster.name ?? ref.clusterId}-peers.csv`, res.value.content, 'text/csv');
  },
}));
