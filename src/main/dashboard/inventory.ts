import { readdir, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Cluster, Scheduler, SeedPeer } from '../manager-client/wire-format';
import { DeskError } from '../../shared/result';
import { writeFileAtomic } from '../storage/atomic-file';
import { Throttle } from '../lifecycle/throttle';
import type { Disposable } from '../lifecycle/disposable';
import type { Log } from '../log/logger';
import type { ManagerRegistry } from '../managers/registry';
import { groupInventory, type GroupedInventory } from './health';
import { StoredPeerCounts, countPeers, countsCover, peerCountsFrom, storedPeerCounts, type PeerCounts } from './peer-counts';

/** The dashboard's calm cadence: inventory changes slowly, and the peers table is a daily snapshot. */
export const INVENTORY_REFRESH_MS = 60_000;

/**
 * How often peers are counted again. The manager's peers table is written by its `sync_peers` job,
 * every 24 h by default, so counting it at every refresh read the same figures: 11 requests a minute
 * per manager of 5 clusters, and on a cold start a second round trip after the lists before the overview
 * was current. Refresh counts them at once, and so do a cluster that has no count yet and an edit of the
 * manager (another address may be another manager).
 */
export const PEER_COUNT_REFRESH_MS = 10 * 60_000;

/**
 * How long reads that can wait (the job lists and the watcher at start, the overview's last day of
 * jobs) wait for the inventory: on a cold start they would compete with it for the same managers and
 * CPU, and the clusters are what the first screen shows; a slow manager holds them up no longer than this.
 */
export const INVENTORY_FIRST_MS = 2_000;

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
  peers: PeerCounts | null;
  /** When `peers` were counted, and the manager's settings then (its `updatedAt`): an edit counts again. */
  peersCountedAt: number | null;
  peersCountedFor: string | null;
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
  peersCountedAt: null,
  peersCountedFor: null,
  grouped: null,
});

/** What is kept on disk per manager, so its clusters can be picked while it is unreachable or before it answers. */
const CachedInventory = z.object({
  version: z.literal(1),
  managerId: z.string(),
  fetchedAt: z.number(),
  tokenOnly: z.boolean(),
  clusters: z.array(Cluster),
  schedulers: z.array(Scheduler).nullable(),
  seedPeers: z.array(SeedPeer).nullable(),
  // Absent from files written before counts were kept: those count again on the first refresh.
  peers: StoredPeerCounts.nullable().optional(),
  peersCountedAt: z.number().nullable().optional(),
  peersCountedFor: z.string().nullable().optional(),
});

export interface InventoryOptions {
  /** `inventory/<manager>.json` keeps each manager's last good inventory across restarts. */
  dataDir: string;
  registry: ManagerRegistry;
  /** A refresh started or ended; managers answering within a moment make one call. */
  onChanged: () => void;
  now?: () => number;
  log?: Log;
}

/**
 * Clusters, schedulers and seed peers of every manager, fetched once per refresh (one list of each
 * per manager, never per cluster), and peer counts (small probes, never the peers themselves, every
 * `PEER_COUNT_REFRESH_MS`), kept between refreshes: the one inventory both the overview and the create
 * form's target picker read. Managers refresh side by side, so a slow or dead one never holds up the
 * others; a failed refresh keeps the last good data, which is also kept on disk (written atomically),
 * so a restart with a manager down still knows its clusters, their peers and how old that is.
 */
export class InventoryService implements Disposable {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly dir: string;
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly registry: ManagerRegistry;
  private readonly changes: Throttle;
  private readonly now: () => number;
  private readonly log: Log | undefined;

  constructor(opts: InventoryOptions) {
    this.dir = join(opts.dataDir, 'inventory');
    this.registry = opts.registry;
    this.changes = new Throttle(100, opts.onChanged);
    this.now = opts.now ?? Date.now;
    this.log = opts.log;
  }

  private changed() {
    this.changes.schedule();
  }

  private file(managerId: string) {
    return join(this.dir, `${encodeURIComponent(managerId)}.json`);
  }

  /** The last good inventory of each configured manager, from disk; a file that does not fit is ignored. */
  async load(): Promise<void> {
    const configured = new Set(this.registry.all().map((r) => r.id));
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const text = await readFile(join(this.dir, name), 'utf8').catch(() => '');
      let raw: unknown = null;
      try {
        raw = JSON.parse(text);
      } catch {
        // a torn or foreign file: the next refresh writes a good one
      }
      const parsed = CachedInventory.safeParse(raw);
      if (!parsed.success || !configured.has(parsed.data.managerId)) continue;
      const c = parsed.data;
      const inv = { schedulers: c.schedulers, seedPeers: c.seedPeers, peers: c.peers ? peerCountsFrom(c.peers) : null };
      const counted = { peersCountedAt: inv.peers ? (c.peersCountedAt ?? null) : null, peersCountedFor: inv.peers ? (c.peersCountedFor ?? null) : null };
      this.snapshots.set(c.managerId, { ...empty(), ...inv, ...counted, loaded: true, fetchedAt: c.fetchedAt, tokenOnly: c.tokenOnly, clusters: c.clusters, grouped: groupInventory(inv) });
    }
  }

  private async persist(managerId: string, s: Snapshot) {
    if (!s.clusters || s.fetchedAt === null) return;
    const cached: z.infer<typeof CachedInventory> = {
      version: 1,
      managerId,
      fetchedAt: s.fetchedAt,
      tokenOnly: s.tokenOnly,
      clusters: s.clusters,
      schedulers: s.schedulers,
      seedPeers: s.seedPeers,
      peers: s.peers && storedPeerCounts(s.peers),
      peersCountedAt: s.peersCountedAt,
      peersCountedFor: s.peersCountedFor,
    };
    await writeFileAtomic(this.file(managerId), `${JSON.stringify(cached)}\n`).catch((err) => this.log?.(`inventory: could not keep ${managerId} on disk: ${(err as Error).message}`));
  }

  /** The refreshes under way, or `ms`, whichever ends first. */
  settledWithin(ms: number): Promise<void> {
    return Promise.race([Promise.all([...this.inflight.values()]).then(() => undefined), sleep(ms, undefined, { ref: false })]);
  }

  /** Refresh every manager now (or those past the cadence) and wait for them, each bounded by its client's deadline. */
  async refreshAll(force = false): Promise<void> {
    this.refresh(force);
    await Promise.all([...this.inflight.values()]);
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
    for (const id of this.snapshots.keys()) {
      if (ids.has(id)) continue;
      this.snapshots.delete(id);
      void rm(this.file(id), { force: true });
    }
    for (const id of ids) {
      const s = this.get(id);
      if (force || s.triedAt === null || this.now() - s.triedAt >= INVENTORY_REFRESH_MS) void this.refreshOne(id, force);
    }
  }

  /** Refresh one manager (`force`: count its peers too, however recent the counts); a refresh already running is shared. */
  refreshOne(managerId: string, force = false): Promise<void> {
    let p = this.inflight.get(managerId);
    if (!p) {
      p = this.fetch(managerId, force).finally(() => this.inflight.delete(managerId));
      this.inflight.set(managerId, p);
    }
    return p;
  }

  private async fetch(managerId: string, force: boolean) {
    const s = { ...this.get(managerId), refreshing: true, triedAt: this.now() };
    this.snapshots.set(managerId, s);
    this.changed();
    let fetched = false;
    try {
      const r = this.registry.get(managerId);
      const client = await this.registry.client(managerId);
      const jwt = r.auth.kind === 'password';
      // The health check goes beside the lists, not before them: a round trip less before the overview
      // is current (on a cold start the managers answer slowly). Its error is the one shown when both fail.
      const health = client.healthy();
      const lists = Promise.all([client.listClusters(), jwt ? client.listSchedulers() : null, jwt ? client.listSeedPeers() : null]);
      lists.catch(() => undefined);
      const { latencyMs } = await health;
      const [clusters, schedulers, seedPeers] = await lists;
      const recent =
        !force &&
        s.peers !== null &&
        s.peersCountedFor === r.updatedAt &&
        s.peersCountedAt !== null &&
        this.now() - s.peersCountedAt < PEER_COUNT_REFRESH_MS &&
        countsCover(s.peers, clusters);
      const peers = !jwt ? null : recent ? s.peers : await countPeers(client, clusters);
      const counted = !jwt ? { peersCountedAt: null, peersCountedFor: null } : recent ? {} : { peersCountedAt: this.now(), peersCountedFor: r.updatedAt };
      const inv = { schedulers, seedPeers, peers };
      Object.assign(s, { ...inv, ...counted, clusters, latencyMs, tokenOnly: !jwt, error: null, fetchedAt: this.now(), grouped: groupInventory(inv) });
      fetched = true;
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
    // Kept on disk once the overview has heard: on a cold start the fsyncs held "updating" up to 300 ms longer.
    if (fetched) await this.persist(managerId, s);
  }
}
