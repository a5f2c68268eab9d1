import { create } from 'zustand';
import type { ClusterDetail } from '@shared/dashboard';
import { download } from '@renderer/lib/export';
import { call } from '@renderer/transport/api';

interface ClusterState {
  ref: { managerId: string; clusterId: number } | null;
  detail: ClusterDetail | null;
  error: string | null;
  csvError: string | null;
  open(managerId: string, clusterId: number): Promise<void>;
  /** The page closed: forget the cluster, and any answer still on its way. */
  close(): void;
  load(): Promise<void>;
  /** Download the manager's snapshot of the cluster's peers as CSV. */
  exportPeers(): Promise<void>;
}

const closed = { ref: null, detail: null, error: null, csvError: null };
let seq = 0;

/** One scheduler cluster in full: limits, scopes, schedulers, seed peers and peers. */
export const useCluster = create<ClusterState>((set, get) => ({
  ...closed,
  open(managerId, clusterId) {
    set({ ref: { managerId, clusterId } });
    return get().load();
  },
  close() {
    seq++;
    set(closed);
  },
  async load() {
    const { ref } = get();
    if (!ref) return;
    const mine = ++seq;
    const res = await call('clusters.detail', ref);
    if (mine !== seq) return;
    set(res.ok ? { detail: res.value, error: null } : { error: res.message });
  },
  async exportPeers() {
    const { ref, detail } = get();
    if (!ref) return;
    const res = await call('clusters.peersCsv', ref);
    if (!res.ok) return set({ csvError: res.message });
    set({ csvError: null });
    download(`${detail?.managerName ?? 'manager'}-${detail?.cluster.name ?? ref.clusterId}-peers.csv`, res.value.content, 'text/csv');
  },
}));
