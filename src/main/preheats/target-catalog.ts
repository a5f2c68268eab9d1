import type { Cluster, Scheduler, SeedPeer } from '../manager-client/wire-format';
import type { PreheatTargets } from '../../shared/models';
import { DeskError } from '../../shared/result';
import type { ManagerRegistry } from '../managers/registry';

const TTL_MS = 20_000;

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

/** The clusters each manager offers as preheat targets, with whether they can take one; cached briefly. */
export class TargetCatalog {
  private cache: { at: number; value: PreheatTargets } | null = null;
  private readonly rateLimits = new Map<string, number>();

  private readonly registry: ManagerRegistry;
  private readonly now: () => number;

  constructor(opts: { registry: ManagerRegistry; now?: () => number }) {
    this.registry = opts.registry;
    this.now = opts.now ?? Date.now;
  }

  /** A cluster's `job_rate_limit` as last seen (the manager's default is 10). */
  rateLimit(managerId: string, clusterId: number): number {
    return this.rateLimits.get(`${managerId}:${clusterId}`) ?? 10;
  }

  async list(force = false): Promise<PreheatTargets> {
    if (!force && this.cache && this.now() - this.cache.at < TTL_MS) return this.cache.value;
    const value = await Promise.all(
      this.registry.all().map(async (r) => {
        try {
          const client = await this.registry.client(r.id);
          const jwt = r.auth.kind === 'password';
          const [clusters, schedulers, seedPeers] = await Promise.all([
            client.listClusters(),
            jwt ? client.listSchedulers().catch(() => null) : Promise.resolve(null),
            jwt ? client.listSeedPeers().catch(() => null) : Promise.resolve(null),
          ]);
          return { managerId: r.id, managerName: r.name, error: null, clusters: clusters.map((c) => this.describe(r.id, c, schedulers, seedPeers)) };
        } catch (err) {
          return { managerId: r.id, managerName: r.name, error: err instanceof DeskError ? err.message : (err as Error).message, clusters: [] };
        }
      }),
    );
    this.cache = { at: this.now(), value };
    return value;
  }

  private describe(managerId: string, c: Cluster, schedulers: Scheduler[] | null, seedPeers: SeedPeer[] | null) {
    const limit = c.scheduler_cluster_config?.job_rate_limit ?? 10;
    this.rateLimits.set(`${managerId}:${c.id}`, limit);
    const seedCluster = c.seed_peer_cluster_id ?? c.id;
    const activeSeedPeers = seedPeers ? seedPeers.filter((p) => p.seed_peer_cluster_id === seedCluster && p.state === 'active').length : null;
    return { id: c.id, name: c.name, isDefault: c.is_default ?? false, jobRateLimit: limit, activeSeedPeers, ...preheatCapability(c.id, schedulers) };
  }
}
