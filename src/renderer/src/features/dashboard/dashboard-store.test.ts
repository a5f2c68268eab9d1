import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClusterTile, DashboardView, ManagerOverview } from '@shared/dashboard';

const call = vi.fn();
vi.mock('@renderer/transport/api', () => ({ call: (...args: unknown[]) => call(...args), onEvents: () => () => undefined }));
const { useDashboard } = await import('./dashboard-store');

const counts = { succeeded: 0, partial: 0, unconfirmed: 0, failed: 0, timed_out: 0 };
const manager = (managerId: string, pending = 0): ManagerOverview => ({
  managerId,
  managerName: managerId,
  loaded: true,
  refreshing: false,
  error: null,
  fetchedAt: '2026-12-02T00:00:00.000Z',
  latencyMs: 3,
  clusters: 1,
  schedulers: null,
  seedPeers: null,
  peers: null,
  hidden: null,
  pending,
  outcomes24h: counts,
  outcomesLoading: false,
});
const tile = (managerId: string, id: number, failed = 0): ClusterTile => ({
  managerId,
  managerName: managerId,
  id,
  name: `c${id}`,
  isDefault: false,
  canPreheat: true,
  reason: null,
  warnings: [],
  schedulers: null,
  seedPeers: null,
  seedPeersSeen: [],
  peers: null,
  jobRateLimit: 10,
  scopes: { idc: '', location: '', cidrs: [], hostnames: [] },
  outcomes: { ...counts, failed },
  outcomesLoading: false,
  series: [[0, 0, 0, failed, 0]],
  lastFailure: null,
});
const view = (failedOnB: number, pendingOnEu: number): DashboardView => ({
  range: '24h',
  managers: [manager('eu', pendingOnEu), manager('us')],
  clusters: [tile('eu', 1), tile('us', 1, failedOnB)],
  series: [{ start: '2026-12-02T00:00:00.000Z', ...counts }],
  totals: counts,
});
const answer = (v: DashboardView) => call.mockResolvedValueOnce({ ok: true, value: v });

describe('the overview read again', () => {
  beforeEach(() => useDashboard.setState({ view: null, applied: 0 }));

  it('keeps each card and row whose figures did not move, and takes the ones that did', async () => {
    answer(view(0, 0));
    await useDashboard.getState().load();
    const first = useDashboard.getState().view!;

    answer(view(2, 5));
    await useDashboard.getState().load();
    const second = useDashboard.getState().view!;
    expect(second).not.toBe(first);
    expect(second.clusters[0]).toBe(first.clusters[0]);
    expect(second.clusters[1]).not.toBe(first.clusters[1]);
    expect(second.clusters[1]!.outcomes.failed).toBe(2);
    expect(second.managers[0]!.pending).toBe(5);
    expect(second.managers[1]).toBe(first.managers[1]);
    expect(second.series).toBe(first.series);
  });

  it('keeps the whole view when nothing moved, and still counts the answer as applied', async () => {
    answer(view(1, 1));
    await useDashboard.getState().load();
    const first = useDashboard.getState().view;
    answer(view(1, 1));
    await useDashboard.getState().load();
    expect(useDashboard.getState().view).toBe(first);
    expect(useDashboard.getState().applied).toBe(2);
  });
});
