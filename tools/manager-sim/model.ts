/** The simulated manager's database, as plain records. Shapes follow manager-api.md §2–§4. */

export interface SimUser {
  id: number;
  name: string;
  password: string;
  email: string;
  role: 'root' | 'guest';
  createdAt: number;
}

export interface SimPat {
  id: number;
  name: string;
  token: string;
  scopes: string[];
  state: 'active' | 'inactive';
  expiredAt: number;
  userId: number;
  createdAt: number;
}

export interface SimCluster {
  id: number;
  name: string;
  bio: string;
  isDefault: boolean;
  jobRateLimit: number;
  scopes: { idc: string; location: string; cidrs: string[] | null; hostnames: string[] | null };
  createdAt: number;
}

export interface SimScheduler {
  id: number;
  hostName: string;
  ip: string;
  port: number;
  state: 'active' | 'inactive';
  features: string[];
  clusterId: number;
  lastKeepAliveAt: number;
  createdAt: number;
}

export interface SimSeedPeer {
  id: number;
  hostName: string;
  ip: string;
  port: number;
  downloadPort: number;
  state: 'active' | 'inactive';
  /** Seed-peer cluster id equals the scheduler cluster id in this simulator (one pair per cluster). */
  clusterId: number;
  createdAt: number;
}

export interface SimPeer {
  id: number;
  hostName: string;
  ip: string;
  state: 'active' | 'inactive';
  gitVersion: string;
  gitCommit: string;
  clusterId: number;
  createdAt: number;
}

/**
 * A dfdaemon as a scheduler knows it, from the host announcements it sends. dfdaemon 1.4.2 never
 * registers itself in the manager, so such a host is in none of the manager's lists.
 */
export interface SimAnnouncedHost {
  hostName: string;
  ip: string;
  /** A seed peer (`seedPeer.type: super`) or a normal peer. */
  seed: boolean;
  clusterId: number;
  /** false: every download from a source fails, as behind a proxy that is not there. */
  reachesSources: boolean;
}

export type TaskOutcome =
  | { kind: 'success'; succeeded: { url: string; hostname: string; ip: string }[]; failed: { url: string; hostname: string; ip: string; description: string }[] }
  | { kind: 'failure'; error: string }
  /** Never picked up: stays PENDING until the manager's poller gives up. */
  | { kind: 'never' };

export interface SimTask {
  clusterId: number;
  taskUuid: string;
  outcome: TaskOutcome;
  /** Seconds after creation when the scheduler finishes the task. */
  doneAfterS: number;
}

export interface SimJob {
  id: number;
  createdAt: number;
  /** Set by a PATCH; otherwise updated_at follows the poller. */
  patchedAt: number | null;
  taskId: string;
  bio: string;
  type: string;
  args: Record<string, unknown>;
  userId: number;
  clusterIds: number[];
  tasks: SimTask[];
  /** A manager restart loses the poller: the job freezes at the last poll before this time. */
  pollerLostAt: number | null;
}
