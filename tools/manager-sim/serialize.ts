import type { SimCluster, SimJob, SimPat, SimPeer, SimScheduler, SimSeedPeer, SimUser } from './model';
import { iso, observeCached, sortedKeys } from './observe';

const base = (id: number, createdAt: number, updatedAt = createdAt) => ({
  id,
  created_at: iso(createdAt),
  updated_at: iso(updatedAt),
  is_del: 0,
});

export const zeroUser = () => ({
  id: 0,
  created_at: '0001-01-01T00:00:00Z',
  updated_at: '0001-01-01T00:00:00Z',
  is_del: 0,
  email: '',
  name: '',
  avatar: '',
  phone: '',
  state: '',
  location: '',
  bio: '',
  configs: null,
});

export const user = (u: SimUser) => ({
  ...base(u.id, u.createdAt),
  email: u.email,
  name: u.name,
  avatar: '',
  phone: '',
  state: 'enable',
  location: '',
  bio: '',
  configs: null,
});

export const pat = (p: SimPat, owner: SimUser | undefined) => ({
  ...base(p.id, p.createdAt),
  name: p.name,
  bio: '',
  token: p.token,
  scopes: p.scopes,
  state: p.state,
  // A MariaDB TIMESTAMP column: whole seconds.
  expired_at: new Date(Math.floor(p.expiredAt / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  user_id: p.userId,
  user: owner ? user(owner) : zeroUser(),
});

const emptyBlockList = () => ({ task: null, persistent_task: null, persistent_cache_task: null });

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** A relation the manager did not preload: the zero-valued model. */
const zeroSchedulerCluster = () => ({
  id: 0,
  created_at: ZERO_TIME,
  updated_at: ZERO_TIME,
  is_del: 0,
  name: '',
  bio: '',
  config: null,
  client_config: null,
  seed_client_config: null,
  scopes: null,
  is_default: false,
  seed_peer_clusters: null,
  schedulers: null,
  peers: null,
  jobs: null,
});

/** The seed-peer cluster paired with a scheduler cluster (same id in the simulator). */
export const seedPeerCluster = (c: SimCluster) => ({
  ...base(c.id, c.createdAt),
  name: c.name,
  bio: '',
  config: { load_limit: 2000 },
  scheduler_clusters: null,
  seed_peer: null,
  jobs: null,
});

const clusterConfig = (c: SimCluster) => ({ candidate_parent_limit: 3, filter_parent_limit: 15, job_rate_limit: c.jobRateLimit });

/** GetClusterResponse (manager/types/cluster.go): a scheduler cluster paired with its seed-peer cluster. */
export const cluster = (c: SimCluster) => ({
  id: c.id,
  name: c.name,
  bio: c.bio,
  scopes: c.scopes,
  scheduler_cluster_id: c.id,
  seed_peer_cluster_id: c.id,
  scheduler_cluster_config: clusterConfig(c),
  seed_peer_cluster_config: { load_limit: 2000, block_list: emptyBlockList() },
  peer_cluster_config: { load_limit: 200, block_list: emptyBlockList() },
  created_at: iso(c.createdAt),
  updated_at: iso(c.createdAt),
  is_default: c.isDefault,
});

export const schedulerCluster = (c: SimCluster, seedPeerClusters: unknown[] | null = null) => ({
  ...base(c.id, c.createdAt),
  name: c.name,
  bio: c.bio,
  config: clusterConfig(c),
  client_config: { load_limit: 200 },
  seed_client_config: {},
  scopes: {},
  is_default: c.isDefault,
  seed_peer_clusters: seedPeerClusters,
  schedulers: null,
  peers: null,
  jobs: null,
});

export const scheduler = (s: SimScheduler) => ({
  ...base(s.id, s.createdAt, s.lastKeepAliveAt),
  config: { manager_keep_alive_interval: 5_000_000_000 },
  host_name: s.hostName,
  idc: '',
  location: '',
  ip: s.ip,
  port: s.port,
  state: s.state,
  features: s.features,
  last_keep_alive_at: iso(s.lastKeepAliveAt),
  scheduler_cluster_id: s.clusterId,
  scheduler_cluster: zeroSchedulerCluster(),
});

export const seedPeer = (p: SimSeedPeer) => ({
  ...base(p.id, p.createdAt),
  host_name: p.hostName,
  type: 'super',
  idc: '',
  location: '',
  ip: p.ip,
  port: p.port,
  download_port: p.downloadPort,
  object_storage_port: 0,
  state: p.state,
  seed_peer_cluster_id: p.clusterId,
  seed_peer_cluster: { id: 0, created_at: ZERO_TIME, updated_at: ZERO_TIME, is_del: 0, name: '', bio: '', config: null, scheduler_clusters: null, seed_peer: null, jobs: null },
});

export const peer = (p: SimPeer, c: SimCluster | undefined) => ({
  ...base(p.id, p.createdAt),
  host_name: p.hostName,
  type: 'normal',
  idc: '',
  location: '',
  ip: p.ip,
  port: 65000,
  download_port: 65002,
  proxy_port: 65001,
  object_storage_port: 0,
  state: p.state,
  os: 'linux',
  platform: 'debian',
  platform_family: 'debian',
  platform_version: '12',
  kernel_version: '6.1.0',
  git_version: p.gitVersion,
  git_commit: p.gitCommit,
  build_platform: 'linux/amd64',
  scheduler_cluster_id: p.clusterId,
  scheduler_cluster: c ? schedulerCluster(c) : null,
});

/** A job's args never change once created: sorted once, not for every page that lists the job. */
const sortedArgs = new WeakMap<SimJob['args'], SimJob['args']>();
const argsOf = (j: SimJob) => {
  let sorted = sortedArgs.get(j.args);
  if (!sorted) sortedArgs.set(j.args, (sorted = sortedKeys(j.args)));
  return sorted;
};

/** models.Job: list items lack the preloaded relations; GET preloads them. */
export const job = (
  j: SimJob,
  now: number,
  relations: { owner: SimUser | undefined; clusters: SimCluster[] } | null,
  owner: SimUser | undefined,
) => {
  const seen = observeCached(j, now);
  return {
    ...base(j.id, j.createdAt, seen.updatedAt),
    task_id: j.taskId,
    bio: j.bio,
    type: j.type,
    state: seen.state,
    args: argsOf(j),
    result: seen.result(),
    user_id: j.userId,
    user: owner ? user(owner) : zeroUser(),
    seed_peer_clusters: relations ? [] : null,
    scheduler_clusters: relations ? relations.clusters.map((c) => schedulerCluster(c)) : null,
  };
};
