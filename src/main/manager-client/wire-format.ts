import { z } from 'zod';

/**
 * zod schemas for what a Dragonfly manager sends back (manager-api.md §3–§4, §7).
 * They accept unknown fields, treat `null` and `[]` alike, and default what older managers omit.
 */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v): z.infer<T>[] => v ?? []);

const str = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

export const PreheatSuccessTask = z.object({ url: str, hostname: str, ip: str });
export const PreheatFailureTask = PreheatSuccessTask.extend({ description: str });

export const PreheatResponse = z.object({
  success_tasks: list(PreheatSuccessTask),
  failure_tasks: list(PreheatFailureTask),
  scheduler_cluster_id: z.number().nullish(),
});
export type PreheatResponse = z.infer<typeof PreheatResponse>;

export const MachineryJobState = z.object({
  task_uuid: str,
  task_name: str,
  state: str,
  // Only preheat jobs are read here; other job types' results do not fit and are not needed.
  results: list(PreheatResponse.catch({ success_tasks: [], failure_tasks: [], scheduler_cluster_id: null })),
  error: str,
  created_at: str,
});
export type MachineryJobState = z.infer<typeof MachineryJobState>;

/** `null` in a create response, `{}` before the first poll, a GroupJobState after. */
export const GroupJobState = z.object({
  group_uuid: str,
  state: str,
  created_at: str,
  updated_at: str,
  job_states: list(MachineryJobState),
});
export type GroupJobState = z.infer<typeof GroupJobState>;

export const SchedulerClusterRef = z.object({ id: z.number(), name: str });

export const Job = z.object({
  id: z.number().int().nonnegative(),
  created_at: z.string(),
  updated_at: z.string(),
  task_id: str,
  bio: str,
  type: str,
  state: str,
  args: z.record(z.string(), z.unknown()).nullish(),
  result: GroupJobState.nullish(),
  user_id: z.number().nullish(),
  user: z.object({ name: str }).nullish(),
  scheduler_clusters: list(SchedulerClusterRef),
});
export type Job = z.infer<typeof Job>;

/** The preheat args as stored by the manager; every field optional so older managers fit. */
const optNum = z.number().nullish();
export const PreheatArgs = z.object({
  type: str,
  url: str,
  urls: list(z.string()),
  piece_length: optNum,
  tag: str,
  application: str,
  filtered_query_params: str,
  headers: z.record(z.string(), z.string()).nullish(),
  username: str,
  password: str,
  platform: str,
  scope: str,
  ips: list(z.string()),
  count: optNum,
  percentage: optNum,
  concurrent_task_count: optNum,
  concurrent_peer_count: optNum,
  timeout: optNum,
  object_storage: z.record(z.string(), z.unknown()).nullish(),
  hdfs: z.record(z.string(), z.unknown()).nullish(),
});
export type PreheatArgs = z.infer<typeof PreheatArgs>;

export const SignInResponse = z.object({ token: z.string().min(1), expire: z.string() });

export const Cluster = z.object({
  id: z.number(),
  name: str,
  bio: str,
  is_default: z.boolean().nullish(),
  scheduler_cluster_id: z.number().nullish(),
  seed_peer_cluster_id: z.number().nullish(),
  created_at: str,
  scopes: z
    .object({ idc: str, location: str, cidrs: list(z.string()), hostnames: list(z.string()) })
    .nullish(),
  scheduler_cluster_config: z
    .object({ job_rate_limit: z.number().nullish(), candidate_parent_limit: z.number().nullish(), filter_parent_limit: z.number().nullish() })
    .nullish(),
  seed_peer_cluster_config: z.object({ load_limit: z.number().nullish() }).nullish(),
  peer_cluster_config: z.object({ load_limit: z.number().nullish() }).nullish(),
});
export type Cluster = z.infer<typeof Cluster>;

export const Scheduler = z.object({
  id: z.number(),
  host_name: str,
  ip: str,
  port: z.number().nullish(),
  state: str,
  features: list(z.string()),
  last_keep_alive_at: str,
  idc: str,
  location: str,
  scheduler_cluster_id: z.number().nullish(),
});
export type Scheduler = z.infer<typeof Scheduler>;

export const SeedPeer = z.object({
  id: z.number(),
  host_name: str,
  ip: str,
  type: str,
  port: z.number().nullish(),
  download_port: z.number().nullish(),
  object_storage_port: z.number().nullish(),
  idc: str,
  location: str,
  state: str,
  seed_peer_cluster_id: z.number().nullish(),
});
export type SeedPeer = z.infer<typeof SeedPeer>;

/** A row of the peers table: a snapshot written by the manager's `sync_peers` job (daily by default), not live. */
export const Peer = z.object({
  id: z.number(),
  host_name: str,
  ip: str,
  type: str,
  state: str,
  idc: str,
  location: str,
  os: str,
  platform: str,
  git_version: str,
  git_commit: str,
  updated_at: str,
  scheduler_cluster_id: z.number().nullish(),
});
export type Peer = z.infer<typeof Peer>;

export const Roles = z.array(z.string()).nullish().transform((v) => v ?? []);
