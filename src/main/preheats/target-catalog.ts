import type { Cluster, Scheduler, SeedPeer } from '../manager-client/wire-format';
import type { PreheatTargets } from '../../shared/models';
import type { InventoryService } from '../dashboard/inventory';
import type { JobLedger } from '../jobs/ledger';
import type { ManagerRegistry } from '../managers/registry';

/** The picker reads the inventory the overview keeps; what is older than this is refreshed first. */
const FRESH_MS = 20_000;

/** Whether a cluster can take a preheat now: the manager picks the first active scheduler with `preheat`. */
export function preheatCapability(clusterId: number, schedulers: Scheduler[] | null): { canPreheat: boolean | null; reason: string | null } {
  if (!schedulers) return { canPreheat: null, reason: 'A token login cannot see schedulers; the manager decides when the preheat is created' };
  const mine = schedulers.filter((s) => s.scheduler_cluster_id === clusterId);
  if (mine.length === 0) return { canPreheat: false, reason: 'No scheduler is registered in this cluster' };
  const active = mine.filter((s) => s.state === 'active');
  if (active.length === 0) return { canPreheat: false, reason: `Its ${mine.length === 1 ? 'scheduler is' : `${mine.length} schedulers are`} inactive` };
  if (!active.some((s) => s.features.includes('preheat'))) {
    return { canPreheat: false, reason: `No active scheduler has the preheat feature (features: ${[...new Set(active.flatMap((s) => s.features))].join(', ') || 'none'})` };
  }
  return { canPreheat: true, reason: null };
}

/**
 * The clusters each manager offers as preheat targets, with whether they can take one, read from the
 * one inventory the overview keeps (and keeps on disk). A manager that cannot be reached still lists
 * the clusters it had, with how old that is and why it did not answer, so a preheat to it can be
 * prepared and queued.
 */
export class TargetCatalog {
  private readonly registry: ManagerRegistry;
  private readonly inventory: InventoryService;
  private readonly ledger: Pick<JobLedger, 'seedPeersSeen'> | null;
  private readonly now: () => number;

  constructor(opts: { registry: ManagerRegistry; inventory: InventoryService; ledger?: Pick<JobLedger, 'seedPeersSeen'>; now?: () => number }) {
    this.registry = opts.registry;
    this.inventory = opts.inventory;
    this.ledger = opts.ledger ?? null;
    this.now = opts.now ?? Date.now;
  }

  /** A cluster's `job_rate_limit` as last seen (the manager's default is 10). */
  rateLimit(managerId: string, clusterId: number): number {
    return this.inventory.get(managerId).clusters?.find((c) => c.id === clusterId)?.scheduler_cluster_config?.job_rate_limit ?? 10;
  }

  /** Every manager's clusters; a manager never read is waited for, a stale one refreshed first when asked to. */
  async list(force = false): Promise<PreheatTargets> {
    const records = this.registry.all();
    await Promise.all(
      records.map((r) => {
        const s = this.inventory.get(r.id);
        const stale = s.triedAt === null || this.now() - s.triedAt >= FRESH_MS;
        if (force || !s.loaded || s.clusters === null) return this.inventory.refreshOne(r.id);
        if (stale) void this.inventory.refreshOne(r.id);
        return undefined;
      }),
    );
    return records.map((r) => {
      const s = this.inventory.get(r.id);
      return {
        managerId: r.id,
        managerName: r.name,
        error: s.error,
        asOf: s.fetchedAt === null ? null : new Date(s.fetchedAt).toISOString(),
        clusters: (s.clusters ?? []).map((c) => ({ ...this.describe(c, s.schedulers, s.seedPeers), seedPeersSeen: this.ledger?.seedPeersSeen(r.id, c.id).length ?? 0 })),
      };
    });
  }

  private describe(c: Cluster, schedulers: Scheduler[] | null, seedPeers: SeedPeer[] | null) {
    const limit = c.scheduler_cluster_config?.job_rate_limit ?? 10;
    const seedCluster = c.seed_peer_cluster_id ?? c.id;
    const activeSeedPeers = seedPeers ? seedPeers.filter((p) => p.seed_peer_cluster_id === seedCluster && p.state === 'active').length : null;
    return { id: c.id, name: c.name, isDefault: c.is_default ?? false, jobRateLimit: limit, activeSeedPeers, ...preheatCapability(c.id, schedulers) };
  }
}
