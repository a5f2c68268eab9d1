import { z } from 'zod';

/** Models of the dashboard and cluster detail (issue: multi-cluster dashboard). */

export const OutcomeRange = z.enum(['24h', '7d', '30d']);
export type OutcomeRange = z.infer<typeof OutcomeRange>;

/** `unconfirmed` is counted apart: the manager said SUCCESS, but no peer confirmed the content. */
export const OutcomeCounts = z.object({ succeeded: z.number(), partial: z.number(), unconfirmed: z.number(), failed: z.number(), timed_out: z.number() });
export type OutcomeCounts = z.infer<typeof OutcomeCounts>;

export const OutcomeBucket = OutcomeCounts.extend({ start: z.string() });
export type OutcomeBucket = z.infer<typeof OutcomeBucket>;

const Active = z.object({ active: z.number(), total: z.number() });

export const Scopes = z.object({ idc: z.string(), location: z.string(), cidrs: z.array(z.string()), hostnames: z.array(z.string()) });

export const ClusterTile = z.object({
  managerId: z.string(),
  managerName: z.string(),
  id: z.number(),
  name: z.string(),
  isDefault: z.boolean(),
  /** null: the login cannot see schedulers (a token), so the manager decides at create time. */
  canPreheat: z.boolean().nullable(),
  reason: z.string().nullable(),
  /** Consequences that do not stop every preheat, e.g. no active seed peer. */
  warnings: z.array(z.string()),
  schedulers: Active.extend({ withPreheat: z.number() }).nullable(),
  seedPeers: Active.nullable(),
  /**
   * Hosts that confirmed a seed-peer preheat here in the last 24 h. The Rust seed peer (dfdaemon) never
   * registers in the manager, so this is how the app knows seed peers run where the manager lists none.
   */
  seedPeersSeen: z.array(z.string()),
  peers: Active.extend({ lastSyncedAt: z.string().nullable() }).nullable(),
  jobRateLimit: z.number().nullable(),
  scopes: Scopes,
  outcomes: OutcomeCounts,
  /** Its manager's last day of jobs is still being read: the outcomes so far are too low. */
  outcomesLoading: z.boolean(),
  /** Per bucket of the overview's series: [succeeded, partial, unconfirmed, failed, timed out]. Tuples keep a thousand tiles small. */
  series: z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()])),
  lastFailure: z.object({ jobId: z.number(), at: z.string(), text: z.string() }).nullable(),
});
export type ClusterTile = z.infer<typeof ClusterTile>;

export const ManagerOverview = z.object({
  managerId: z.string(),
  managerName: z.string(),
  /** Set once the first inventory answer (or error) came back. */
  loaded: z.boolean(),
  refreshing: z.boolean(),
  error: z.string().nullable(),
  fetchedAt: z.string().nullable(),
  latencyMs: z.number().nullable(),
  clusters: z.number().nullable(),
  schedulers: Active.extend({ withPreheat: z.number() }).nullable(),
  seedPeers: Active.nullable(),
  peers: z.number().nullable(),
  /** What this login cannot see, and why (a token reaches only jobs and clusters). */
  hidden: z.string().nullable(),
  pending: z.number(),
  outcomes24h: OutcomeCounts,
  /** The last day's jobs are still being read: the outcomes so far are too low. */
  outcomesLoading: z.boolean(),
});
export type ManagerOverview = z.infer<typeof ManagerOverview>;

export const DashboardView = z.object({
  range: OutcomeRange,
  managers: z.array(ManagerOverview),
  clusters: z.array(ClusterTile),
  series: z.array(OutcomeBucket),
  totals: OutcomeCounts,
});
export type DashboardView = z.infer<typeof DashboardView>;

const Count = z.object({ value: z.string(), count: z.number() });

export const ClusterDetail = z.object({
  managerId: z.string(),
  managerName: z.string(),
  fetchedAt: z.string(),
  cluster: z.object({
    id: z.number(),
    name: z.string(),
    bio: z.string(),
    isDefault: z.boolean(),
    schedulerClusterId: z.number(),
    seedPeerClusterId: z.number(),
    createdAt: z.string(),
    scopes: Scopes,
    limits: z.object({
      jobRateLimit: z.number().nullable(),
      candidateParentLimit: z.number().nullable(),
      filterParentLimit: z.number().nullable(),
      seedPeerLoadLimit: z.number().nullable(),
      peerLoadLimit: z.number().nullable(),
    }),
  }),
  canPreheat: z.boolean().nullable(),
  reason: z.string().nullable(),
  warnings: z.array(z.string()),
  schedulers: z
    .array(z.object({ hostname: z.string(), ip: z.string(), port: z.number().nullable(), state: z.string(), features: z.array(z.string()), lastKeepAliveAt: z.string(), idc: z.string(), location: z.string() }))
    .nullable(),
  seedPeers: z
    .array(
      z.object({
        hostname: z.string(),
        ip: z.string(),
        port: z.number().nullable(),
        downloadPort: z.number().nullable(),
        objectStoragePort: z.number().nullable(),
        type: z.string(),
        state: z.string(),
      }),
    )
    .nullable(),
  /** Seed peers seen confirming preheats here in the last 24 h, registered in the manager or not. */
  seedPeersSeen: z.array(z.object({ hostname: z.string(), ip: z.string(), at: z.string() })),
  peers: z.object({ total: z.number(), active: z.number(), lastSyncedAt: z.string().nullable(), byVersion: z.array(Count), byCommit: z.array(Count) }).nullable(),
  hidden: z.string().nullable(),
});
export type ClusterDetail = z.infer<typeof ClusterDetail>;
