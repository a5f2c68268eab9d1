import type { Cluster, Peer } from '../manager-client/wire-format';
import { toCsv } from '../../shared/csv';
import type { ClusterDetail, ClusterTile, DashboardView, ManagerOverview, OutcomeRange } from '../../shared/dashboard';
import { DeskError } from '../../shared/result';
import type { FailureLog } from '../failures/failure-log';
import type { JobService } from '../jobs/job-service';
import type { JobLedger } from '../jobs/ledger';
import type { ManagerRegistry } from '../managers/registry';
import type { Watcher } from '../watch/watcher';
import { clusterHealth, schedulerClusterOf, seedPeerClusterOf, TOKEN_HIDES } from './health';
import { INVENTORY_FIRST_MS, INVENTORY_REFRESH_MS, type InventoryService, type Snapshot } from './inventory';
import { outcomeCounter, zeroCounts } from './outcomes';

const DAY = 86400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const scopesOf = (c: Cluster) => ({ idc: c.scopes?.idc ?? '', location: c.scopes?.location ?? '', cidrs: c.scopes?.cidrs ?? [], hostnames: c.scopes?.hostnames ?? [] });

const countBy = (peers: Peer[], key: (p: Peer) => string) => {
  const m = new Map<string, number>();
  for (const p of peers) m.set(key(p) || 'unknown', (m.get(key(p) || 'unknown') ?? 0) + 1);
  return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
};

/**
 * The dashboard: every manager and cluster with its health and preheat outcomes, built from the
 * inventory (refreshed on a calm cadence), the merged job list with the history, the watcher and the
 * failure log. Building a view never waits for a manager.
 */
export interface DashboardOptions {
  registry: ManagerRegistry;
  inventory: InventoryService;
  jobs: JobService;
  /** Which seed peers were seen confirming preheats, per cluster. */
  ledger: JobLedger;
  watcher: Watcher;
  failures: FailureLog;
  now?: () => number;
}

export class DashboardService {
  private jobsLoadedAt = 0;

  private readonly registry: ManagerRegistry;
  private readonly inventory: InventoryService;
  private readonly jobs: JobService;
  private readonly ledger: JobLedger;
  private readonly watcher: Watcher;
  private readonly failures: FailureLog;
  private readonly now: () => number;

  constructor(opts: DashboardOptions) {
    ({ registry: this.registry, inventory: this.inventory, jobs: this.jobs, ledger: this.ledger, watcher: this.watcher, failures: this.failures } = opts);
    this.now = opts.now ?? Date.now;
  }

  /** Manual refresh: inventory of every manager now, and the job lists. */
  refresh() {
    this.inventory.refresh(true);
    this.jobsLoadedAt = 0;
    this.loadJobs();
  }

  /**
   * The 24 h outcomes need every job of the last 24 h, not just the first page each manager gave the
   * list, and each job's clusters to count it per cluster (list answers leave them out; once read,
   * they are kept on disk for good). Read once the inventory is in (see INVENTORY_FIRST_MS).
   */
  private loadJobs() {
    if (this.now() - this.jobsLoadedAt < INVENTORY_REFRESH_MS) return;
    this.jobsLoadedAt = this.now();
    const since = this.now() - DAY;
    void this.inventory
      .settledWithin(INVENTORY_FIRST_MS)
      .then(() => this.jobs.loadSince(since))
      .then(() => {
        const refs: { managerId: string; jobId: number }[] = [];
        for (const r of this.registry.all()) {
          this.jobs.index.forEachOf(r.id, (e) => {
            if (e.clusterIds === null && !e.gone && e.createdMs >= since) refs.push({ managerId: r.id, jobId: e.id });
          });
        }
        return this.jobs.resolveTargets(refs);
      });
  }

  view(range: OutcomeRange): DashboardView {
    this.inventory.refresh();
    this.loadJobs();
    const now = this.now();
    const records = this.registry.all();
    const counter = outcomeCounter(range, now);
    for (const r of records) this.jobs.index.forEachOf(r.id, counter.add);
    const outcomes = counter.out;
    const lastFailures = this.failures.latestPerCluster();
    const states = new Map(this.watcher.states().map((s) => [s.managerId, s]));

    const managers: ManagerOverview[] = [];
    const clusters: ClusterTile[] = [];
    for (const r of records) {
      const s = this.inventory.get(r.id);
      const outcomesLoading = !this.jobs.reachesBack(r.id, now - DAY);
      const tiles = (s.clusters ?? []).map((c): ClusterTile => {
        const key = `${r.id}:${c.id}`;
        const seen = this.ledger.seedPeersSeen(r.id, c.id);
        const h = s.grouped ? clusterHealth(c, s.grouped, now, seen) : null;
        const last = lastFailures.get(key);
        const agg = outcomes.byCluster.get(key);
        return {
          managerId: r.id,
          managerName: r.name,
          id: c.id,
          name: c.name,
          isDefault: c.is_default ?? false,
          canPreheat: h?.canPreheat ?? null,
          reason: h?.reason ?? null,
          warnings: h?.warnings ?? [],
          schedulers: h?.schedulers ?? null,
          seedPeers: h?.seedPeers ?? null,
          seedPeersSeen: seen.map((x) => x.hostname),
          peers: h?.peers ?? null,
          jobRateLimit: c.scheduler_cluster_config?.job_rate_limit ?? null,
          scopes: scopesOf(c),
          outcomes: agg?.counts ?? zeroCounts(),
          outcomesLoading,
          series: agg ? agg.series.map((b) => [b.succeeded, b.partial, b.unconfirmed, b.failed, b.timed_out]) : outcomes.series.map(() => [0, 0, 0, 0, 0]),
          lastFailure: last ? { jobId: last.jobId, at: last.at, text: last.text } : null,
        };
      });
      clusters.push(...tiles);
      const schedulers = s.schedulers && {
        active: s.schedulers.filter((x) => x.state === 'active').length,
        total: s.schedulers.length,
        withPreheat: s.schedulers.filter((x) => x.state === 'active' && x.features.includes('preheat')).length,
      };
      managers.push({
        managerId: r.id,
        managerName: r.name,
        loaded: s.loaded,
        refreshing: s.refreshing,
        error: s.error,
        fetchedAt: iso(s.fetchedAt),
        latencyMs: s.latencyMs,
        clusters: s.clusters ? s.clusters.length : null,
        schedulers,
        seedPeers: s.seedPeers ? { active: s.seedPeers.filter((x) => x.state === 'active').length, total: s.seedPeers.length } : null,
        peers: s.peers ? s.peers.total : null,
        hidden: s.tokenOnly ? TOKEN_HIDES : null,
        pending: states.get(r.id)?.pending ?? 0,
        outcomes24h: outcomes.byManager24h.get(r.id) ?? zeroCounts(),
        outcomesLoading,
      });
    }
    return { range, managers, clusters, series: outcomes.series, totals: outcomes.totals };
  }

  private async snapshotFor(managerId: string, clusterId: number): Promise<{ s: Snapshot; c: Cluster }> {
    const name = this.registry.get(managerId).name;
    let s = this.inventory.get(managerId);
    if (s.fetchedAt === null || this.now() - s.fetchedAt >= INVENTORY_REFRESH_MS) {
      await this.inventory.refreshOne(managerId);
      s = this.inventory.get(managerId);
    }
    if (!s.clusters) throw new DeskError('unreachable', s.error ?? `${name} has not answered yet`);
    const c = s.clusters.find((x) => x.id === clusterId);
    if (!c) throw new DeskError('not_found', `${name} has no cluster with id ${clusterId}`);
    return { s, c };
  }

  async clusterDetail(managerId: string, clusterId: number): Promise<ClusterDetail> {
    const { s, c } = await this.snapshotFor(managerId, clusterId);
    const seen = this.ledger.seedPeersSeen(managerId, clusterId);
    const h = clusterHealth(c, s.grouped!, this.now(), seen);
    const sid = schedulerClusterOf(c);
    // The overview only counts peers; this page reads the cluster's own for the breakdown.
    const peers = s.grouped!.peers ? await this.clusterPeers(managerId, sid) : null;
    return {
      managerId,
      managerName: this.registry.get(managerId).name,
      fetchedAt: iso(s.fetchedAt)!,
      cluster: {
        id: c.id,
        name: c.name,
        bio: c.bio,
        isDefault: c.is_default ?? false,
        schedulerClusterId: sid,
        seedPeerClusterId: seedPeerClusterOf(c),
        createdAt: c.created_at,
        scopes: scopesOf(c),
        limits: {
          jobRateLimit: c.scheduler_cluster_config?.job_rate_limit ?? null,
          candidateParentLimit: c.scheduler_cluster_config?.candidate_parent_limit ?? null,
          filterParentLimit: c.scheduler_cluster_config?.filter_parent_limit ?? null,
          seedPeerLoadLimit: c.seed_peer_cluster_config?.load_limit ?? null,
          peerLoadLimit: c.peer_cluster_config?.load_limit ?? null,
        },
      },
      canPreheat: h.canPreheat,
      reason: h.reason,
      warnings: h.warnings,
      schedulers: s.grouped!.schedulers
        ? (s.grouped!.schedulers.get(sid) ?? []).map((x) => ({
            hostname: x.host_name,
            ip: x.ip,
            port: x.port ?? null,
            state: x.state,
            features: x.features,
            lastKeepAliveAt: x.last_keep_alive_at,
            idc: x.idc,
            location: x.location,
          }))
        : null,
      seedPeers: s.grouped!.seedPeers
        ? (s.grouped!.seedPeers.get(seedPeerClusterOf(c)) ?? []).map((x) => ({
            hostname: x.host_name,
            ip: x.ip,
            port: x.port ?? null,
            downloadPort: x.download_port ?? null,
            objectStoragePort: x.object_storage_port ?? null,
            type: x.type,
            state: x.state,
          }))
        : null,
      seedPeersSeen: seen.map((x) => ({ hostname: x.hostname, ip: x.ip, at: new Date(x.at).toISOString() })),
      peers: peers
        ? { ...h.peers!, total: peers.length, active: peers.filter((p) => p.state === 'active').length, byVersion: countBy(peers, (p) => p.git_version), byCommit: countBy(peers, (p) => p.git_commit) }
        : null,
      hidden: s.tokenOnly ? TOKEN_HIDES : null,
    };
  }

  private async clusterPeers(managerId: string, schedulerClusterId: number) {
    return (await this.registry.client(managerId)).listPeers(schedulerClusterId);
  }

  async peersCsv(managerId: string, clusterId: number): Promise<{ content: string; count: number }> {
    const { s, c } = await this.snapshotFor(managerId, clusterId);
    if (!s.grouped?.peers) throw new DeskError('forbidden', `${this.registry.get(managerId).name}: ${TOKEN_HIDES}`);
    const peers = await this.clusterPeers(managerId, schedulerClusterOf(c));
    const content = toCsv(
      ['hostname', 'ip', 'type', 'state', 'idc', 'location', 'os', 'platform', 'git_version', 'git_commit', 'updated_at'],
      peers.map((p) => [p.host_name, p.ip, p.type, p.state, p.idc, p.location, p.os, p.platform, p.git_version, p.git_commit, p.updated_at]),
    );
    return { content, count: peers.length };
  }
}
