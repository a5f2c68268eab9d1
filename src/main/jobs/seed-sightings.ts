import { isClusterOrNull, isListOf, isObject, isString } from '../storage/shape-checks';

/** Seed peers seen in preheats count for this long: the overview's health rule looks back a day. */
export const SEEN_WINDOW_MS = 24 * 3600_000;

/** A host that confirmed a seed-peer preheat, per cluster: the proof a seed peer runs there. */
export interface SeenSeedPeer {
  hostname: string;
  ip: string;
  at: number;
}

/** The part of a job's detail a sighting needs (a JobDetail fits it). */
interface Sighted {
  row: { updatedAt: string };
  args: { scope: string };
  peers: readonly { outcome: string; hostname: string; ip: string; cluster: { id: number } | null }[];
}

/**
 * A stored detail as its line was parsed, checked for the fields a sighting reads and no more. Checking
 * the whole detail again, read once more from disk for every ended job of the last day, took 154 ms
 * of a cold start (500 details, 2026-12-02); with zod even this part took 20 ms.
 */
function sighted(d: unknown): Sighted | null {
  if (!isObject(d) || !isObject(d.row) || !isString(d.row.updatedAt) || !isObject(d.args) || !isString(d.args.scope)) return null;
  const ok = isListOf(d.peers, (p) => isObject(p) && isString(p.outcome) && isString(p.hostname) && isString(p.ip) && isClusterOrNull(p.cluster));
  return ok ? (d as unknown as Sighted) : null;
}

/**
 * Which hosts confirmed a seed-peer preheat, per manager and cluster. The Rust seed peer (dfdaemon)
 * never registers in the manager's seed-peer list, so these sightings are how the app knows one runs.
 */
export class SeedSightings {
  /** managerId → clusterId → hostname → the newest sighting. */
  private readonly seen = new Map<string, Map<number, Map<string, SeenSeedPeer>>>();

  constructor(private readonly now: () => number) {}

  /** A job's detail as read (a JobDetail fits `Sighted`). */
  sight(managerId: string, detail: Sighted | null) {
    if (!detail || (detail.args.scope !== 'single_seed_peer' && detail.args.scope !== 'all_seed_peers')) return;
    const at = Date.parse(detail.row.updatedAt) || this.now();
    let byCluster = this.seen.get(managerId);
    for (const p of detail.peers) {
      if (p.outcome !== 'succeeded' || !p.cluster || !p.hostname) continue;
      if (!byCluster) this.seen.set(managerId, (byCluster = new Map()));
      let hosts = byCluster.get(p.cluster.id);
      if (!hosts) byCluster.set(p.cluster.id, (hosts = new Map()));
      if ((hosts.get(p.hostname)?.at ?? 0) < at) hosts.set(p.hostname, { hostname: p.hostname, ip: p.ip, at });
    }
  }

  /**
   * A detail the history holds on disk, as its loader parsed it: an ended job of the last day counts.
   * Every stored line of a job is offered, older ones too; each was a real confirmation at its time.
   */
  sightStored(managerId: string, entry: { status: string; updatedAt: string }, detail: unknown) {
    if (entry.status === 'pending' || !(Date.parse(entry.updatedAt) >= this.now() - SEEN_WINDOW_MS)) return;
    this.sight(managerId, sighted(detail));
  }

  /** Seed peers that confirmed a preheat in this cluster in the last 24 h, newest first. */
  seenIn(managerId: string, clusterId: number): SeenSeedPeer[] {
    const since = this.now() - SEEN_WINDOW_MS;
    return [...(this.seen.get(managerId)?.get(clusterId)?.values() ?? [])].filter((s) => s.at >= since).sort((a, b) => b.at - a.at);
  }

  /** A manager forgotten, or one that starts afresh: its sightings go. */
  forget(managerId: string) {
    this.seen.delete(managerId);
  }

  /** Keep only the managers the app still knows (history of one whose identity was lost is not theirs). */
  keepOnly(known: (managerId: string) => boolean) {
    for (const managerId of [...this.seen.keys()]) if (!known(managerId)) this.seen.delete(managerId);
  }
}
