import type { Cluster, Peer, Scheduler, SeedPeer } from '../manager-client/wire-format';
import { DeskError } from '../../shared/result';
import { Debouncer } from '../lifecycle/debounce';
import type { Disposable } from '../lifecycle/disposable';
import type { Log } from '../log/logger';
import type { ManagerRegistry } from '../managers/registry';
import { groupInventory, type GroupedInventory } from './health';

/** The dashboard's calm cadence: inventory changes slowly, and the peers table is a daily snapshot. */
export const INVENTORY_REFRESH_MS = 60_000;

export interface Snapshot {
  loaded: boolean;
  refreshing: boolean;
  error: string | null;
  /** When the data shown was fetched (the last good refresh). */
  fetchedAt: number | null;
  /** When the last refresh was tried: the cadence runs from here, so a dead manager is not hammered. */
  triedAt: number | null;
  latencyMs: number | null;
  tokenOnly: boolean;
  clusters: Cluster[] | null;
  schedulers: Scheduler[] | null;
  seedPeers: SeedPeer[] | null;
  peers: Peer[] | null;
  grouped: GroupedInventory | null;
}

const empty = (): Snapshot => ({
  loaded: false,
  refreshing: false,
  error: null,
  fetchedAt: null,
  triedAt: null,
  latencyMs: null,
  tokenOnly: false,
  clusters: null,
  schedulers: null,
  seedPeers: null,
  peers: null,
  grouped: null,
});

/**
 * Clusters, schedulers, seed peers and peers of every manager, fetched once per refresh (one list of
 * each per manager, never per cluster) and kept between refreshes. Managers refresh side by side, so
 * a slow or dead one never holds up the others; a failed refresh keeps the last good data.
 */
export interface InventoryOptions {
  registry: ManagerRegistry;
  /** A refresh started or ended; managers answering within a moment make one call. */
  onChanged: () => void;
  now?: () => number;
  log?: Log;
}

export class InventoryService implements Disposable {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly registry: ManagerRegistry;
  private readonly changes: Debouncer;
  private readonly now: () => number;
  private readonly log: Log | undefined;

  constructor(opts: InventoryOptions) {
    this.registry = opts.registry;
    this.changes = new Debouncer(100, opts.onChanged);
    this.now = opts.now ?? Date.now;
    this.log = opts.log;
  }

  private changed() {
    this.changes.schedule();
  }

  dispose() {
    this.changes.dispose();
  }

  get(managerId: string): Snapshot {
    return this.snapshots.get(managerId) ?? empty();
  }

  /** Start a refresh of every manager whose data is older than the cadence (all of them when forced). */
  refresh(force = false) {
    const ids = new Set(this.registry.all().map((r) => r.id));
    for (const id of this.snapshots.keys()) if (!ids.has(id)) this.snapshots.delete(id);
    for (const id of ids) {
      const s = this.get(id);
      if (force || s.triedAt === null || this.now() - s.triedAt >= INVENTORY_REFRESH_MS) void this.refreshOne(id);
    }
  }

  /** Refresh one manager; a refresh already running is shared. */
  refreshOne(managerId: string): Promise<void> {
    let p = this.inflight.get(managerId);
    if (!p) {
      p = this.fetch(managerId).finally(() => this.inflight.delete(managerId));
      this.inflight.set(managerId, p);
    }
    return p;
  }

  private async fetch(managerId: string) {
    const s = { ...this.get(managerId), refreshing: true, triedAt: this.now() };
    this.snapshots.set(managerId, s);
    this.changed();
    try {
      const r = this.registry.get(managerId);
      const client = await this.registry.client(managerId);
      const { latencyMs } = await client.healthy();
      const jwt = r.auth.kind === 'password';
      const [clusters, schedulers, seedPeers, peers] = await Promise.all([
        client.listClusters(),
        jwt ? client.listSchedulers() : null,
        jwt ? client.listSeedPeers() : null,
        jwt ? client.listPeers() : null,
      ]);
      const inv = { schedulers, seedPeers, peers };
      Object.assign(s, { ...inv, clusters, latencyMs, tokenOnly: !jwt, error: null, fetchedAt: this.now(), grouped: groupInventory(inv) });
    } catch (err) {
      if (err instanceof DeskError && err.code === 'not_found' && !this.registry.all().some((r) => r.id === managerId)) {
        this.snapshots.delete(managerId);
        return;
      }
      s.error = err instanceof Error ? err.message : String(err);
      this.log?.(`inventory: ${s.error}`);
    } finally {
      s.loaded = true;
      s.refreshing = false;
      if (this.snapshots.has(managerId)) this.snapshots.set(managerId, { ...s });
      this.changed();
    }
  }
}
