import { z } from 'zod';

/** What the UI may know about a manager. Secrets appear only as flags. */
export const AuthView = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('password'),
    username: z.string(),
    hasPassword: z.boolean(),
    /** The JWT itself stays in main; the UI sees when it expires and until when it can be refreshed. */
    session: z
      .object({ expiresAt: z.string(), refreshableUntil: z.string(), userId: z.number() })
      .nullable(),
  }),
  z.object({ kind: z.literal('pat'), hasToken: z.boolean(), tokenExpiresAt: z.string().nullable() }),
]);
export type AuthView = z.infer<typeof AuthView>;

export const ApiGeneration = z.object({
  /** Human-readable range, e.g. "v2.4.1 or later". */
  label: z.string(),
  /** v2.3.1 and later are fully supported. */
  fullSupport: z.boolean(),
  /** What was observed to reach the label. */
  evidence: z.array(z.string()),
  /** What the user should know about this generation, empty when nothing. */
  warnings: z.array(z.string()),
});
export type ApiGeneration = z.infer<typeof ApiGeneration>;

export const CheckOutcome = z.object({ ok: z.boolean(), message: z.string() });

export const ConnectionReport = z.object({
  checkedAt: z.string(),
  reachable: CheckOutcome.extend({ latencyMs: z.number().nullable() }),
  credentials: CheckOutcome.nullable(),
  /** Roles of the signed-in user (JWT logins only). */
  roles: z.array(z.string()).nullable(),
  userName: z.string().nullable(),
  generation: ApiGeneration.nullable(),
});
export type ConnectionReport = z.infer<typeof ConnectionReport>;

export const SecretMode = z.enum(['keychain', 'memory', 'file']);
export type SecretMode = z.infer<typeof SecretMode>;

export const ManagerView = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  auth: AuthView,
  caCertPath: z.string().nullable(),
  skipTlsVerify: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastReport: ConnectionReport.nullable(),
  /** Where this manager's password or token is kept; null when none is stored. */
  secretKept: SecretMode.nullable(),
});
export type ManagerView = z.infer<typeof ManagerView>;

const trimmed = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(max, `${field} must be at most ${max} characters`);

export const BaseUrl = z
  .string({ error: 'Base URL is required' })
  .trim()
  .min(1, 'Base URL is required')
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'Base URL must be an http:// or https:// address, e.g. http://manager.example.com:8080')
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.search === '' && u.hash === '' && u.username === '' && u.password === '';
    } catch {
      return true;
    }
  }, 'Base URL must not carry a query, fragment or credentials');

/** Secrets are write-only: sent by the UI when the user types them, never sent back. */
export const AuthInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('password'),
    // The manager's own binding rules for sign-in (manager-api.md §2.1).
    username: z
      .string()
      .trim()
      .min(3, 'Username must be 3 to 10 characters')
      .max(10, 'Username must be 3 to 10 characters'),
    /** Omitted on edit: keep the stored password. */
    password: z
      .string()
      .min(8, 'Password must be 8 to 20 characters')
      .max(20, 'Password must be 8 to 20 characters')
      .optional(),
  }),
  z.object({
    kind: z.literal('pat'),
    /** Omitted on edit: keep the stored token. */
    token: z.string().trim().min(1, 'Personal access token is required').max(512).optional(),
    /** When the token expires, if the operator knows (the console shows it when the token is made). */
    tokenExpiresAt: z
      .string()
      .refine((v) => !Number.isNaN(Date.parse(v)), 'Token expiry must be a date, e.g. 2027-01-31')
      .nullable()
      .optional(),
  }),
]);
export type AuthInput = z.infer<typeof AuthInput>;

export const ManagerInput = z.object({
  name: trimmed('Display name', 64),
  baseUrl: BaseUrl,
  auth: AuthInput,
  caCertPath: z.string().trim().min(1).nullable().default(null),
  skipTlsVerify: z.boolean().default(false),
});
export type ManagerInput = z.input<typeof ManagerInput>;

/**
 * `unconfirmed`: the manager says SUCCESS but no peer reported a finished task. A v2.5.1 scheduler
 * swallows per-URL errors for `single_seed_peer`, so a preheat of an unreachable URL ends that way:
 * nothing was preheated.
 */
export const JobStatus = z.enum(['pending', 'succeeded', 'partial', 'unconfirmed', 'failed', 'timed_out', 'unknown']);
export type JobStatus = z.infer<typeof JobStatus>;

export const ClusterRef = z.object({ id: z.number(), name: z.string().nullable() });
export type ClusterRef = z.infer<typeof ClusterRef>;

/** One row of the merged preheat list. */
export const JobRow = z.object({
  key: z.string(),
  managerId: z.string(),
  managerName: z.string(),
  id: z.number(),
  status: JobStatus,
  /** The manager's own top-level state, for reference. */
  state: z.string(),
  stuck: z.boolean(),
  kind: z.enum(['image', 'file', 'unknown']),
  urls: z.array(z.string()),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Terminal jobs: created → last manager update; pending: null (the UI counts up). */
  durationMs: z.number().nullable(),
  /** null while the targets are not known yet (list responses omit them). */
  clusters: z.array(ClusterRef).nullable(),
  failedPeers: z.number(),
  /** The manager no longer returns this job (deleted or garbage-collected). */
  gone: z.boolean(),
});
export type JobRow = z.infer<typeof JobRow>;

const Instant = (field: string) =>
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), `${field} must be a date and time, e.g. 2026-11-30T08:00:00Z`)
    .nullable()
    .default(null);

export const JobSort = z.enum(['created', 'duration', 'status']);
export type JobSort = z.infer<typeof JobSort>;

export const JobFilter = z
  .object({
    statuses: z.array(JobStatus).default([]),
    managerIds: z.array(z.string()).default([]),
    /** `${managerId}:${clusterId}` */
    clusters: z.array(z.string()).default([]),
    kinds: z.array(z.enum(['image', 'file'])).default([]),
    search: z.string().max(2000).default(''),
    /** Created at or after this instant. */
    createdFrom: Instant('Created from'),
    /** Created before this instant. */
    createdTo: Instant('Created to'),
    sort: JobSort.default('created'),
    order: z.enum(['desc', 'asc']).default('desc'),
  })
  .refine((f) => !f.createdFrom || !f.createdTo || Date.parse(f.createdFrom) < Date.parse(f.createdTo), {
    message: 'Created from must be before Created to',
    path: ['createdTo'],
  });
export type JobFilter = z.input<typeof JobFilter>;

export const ManagerLoadState = z.object({
  managerId: z.string(),
  managerName: z.string(),
  loaded: z.number(),
  /** Total preheat jobs on the manager, from the `Link` header; null until known. */
  total: z.number().nullable(),
  pagesLoaded: z.number(),
  lastPage: z.number().nullable(),
  hasMore: z.boolean(),
  loading: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  refreshedAt: z.string().nullable(),
  /** Creation time of the oldest job loaded: how far back the list reaches for this manager. */
  reachesBack: z.string().nullable(),
});
export type ManagerLoadState = z.infer<typeof ManagerLoadState>;

export const JobPage = z.object({
  version: z.number(),
  total: z.number(),
  offset: z.number(),
  rows: z.array(JobRow),
  sources: z.array(ManagerLoadState),
  /** Clusters known per manager, for the cluster filter. */
  clusters: z.array(z.object({ managerId: z.string(), managerName: z.string(), id: z.number(), name: z.string() })),
});
export type JobPage = z.infer<typeof JobPage>;

export const JobRef = z.object({ managerId: z.string(), jobId: z.number().int().positive() });
export type JobRef = z.infer<typeof JobRef>;

/** What an action on several jobs did: each done, or refused with the manager's reason in words. */
export const JobActionResult = z.object({
  done: z.array(JobRef),
  refused: z.array(JobRef.extend({ managerName: z.string(), message: z.string() })),
});
export type JobActionResult = z.infer<typeof JobActionResult>;

export const MaskedSecret = z.object({ masked: z.literal(true) });

export const HeaderView = z.object({ name: z.string(), value: z.string().nullable(), masked: z.boolean() });

export const PreheatArgsView = z.object({
  type: z.string(),
  url: z.string(),
  urls: z.array(z.string()),
  platform: z.string(),
  pieceLength: z.number().nullable(),
  scope: z.string(),
  ips: z.array(z.string()),
  count: z.number().nullable(),
  percentage: z.number().nullable(),
  tag: z.string(),
  application: z.string(),
  filteredQueryParams: z.string(),
  headers: z.array(HeaderView),
  username: z.string(),
  /** The registry password is never shown; the UI only learns that one is stored on the manager. */
  passwordStoredOnManager: z.boolean(),
  timeoutNs: z.number().nullable(),
  concurrentTaskCount: z.number().nullable(),
  concurrentPeerCount: z.number().nullable(),
  /** Object-storage fields with secret values masked. */
  objectStorage: z.array(HeaderView),
  hdfsTokenStoredOnManager: z.boolean(),
});
export type PreheatArgsView = z.infer<typeof PreheatArgsView>;

export const ErrorLogEntry = z.object({
  cluster: ClusterRef.nullable(),
  taskUuid: z.string(),
  taskState: z.string(),
  error: z.string(),
});
export type ErrorLogEntry = z.infer<typeof ErrorLogEntry>;

export const PeerResult = z.object({
  outcome: z.enum(['succeeded', 'failed']),
  url: z.string(),
  hostname: z.string(),
  ip: z.string(),
  cluster: ClusterRef.nullable(),
  description: z.string(),
});
export type PeerResult = z.infer<typeof PeerResult>;

export const TaskStateView = z.object({
  taskUuid: z.string(),
  state: z.string(),
  cluster: ClusterRef.nullable(),
  succeeded: z.number(),
  failed: z.number(),
  error: z.string(),
});

export const JobDetail = z.object({
  row: JobRow,
  taskId: z.string(),
  userName: z.string(),
  resultState: z.string().nullable(),
  resultUpdatedAt: z.string().nullable(),
  args: PreheatArgsView,
  tasks: z.array(TaskStateView),
  errorLog: z.array(ErrorLogEntry),
  peers: z.array(PeerResult),
  fetchedAt: z.string(),
  /** Set when the detail could not be refreshed and this is the last copy seen. */
  staleReason: z.string().nullable(),
});
export type JobDetail = z.infer<typeof JobDetail>;

/** Where the credentials are kept, and why there when it is not the OS keychain. */
export const SecretStorageStatus = z.object({
  /** Where they are kept now: the OS keychain, this run's memory, or secrets.json (not encrypted). */
  mode: SecretMode,
  /** What was chosen: in Settings, with --secrets, or memory for this run only (demo, tests). */
  preference: z.enum(['keychain', 'file', 'memory']),
  backend: z.string(),
  keychain: z.object({
    available: z.boolean(),
    /** Why it cannot be used, as the keychain said it. */
    reason: z.string().nullable(),
    checkedAt: z.string().nullable(),
  }),
  /** secrets.json, when the file is in use. */
  filePath: z.string().nullable(),
  /** One sentence for the user whenever credentials are not in the OS keychain. */
  notice: z.string().nullable(),
  /** The keychain works now while credentials are elsewhere: offer to move them into it. */
  canMoveToKeychain: z.boolean(),
});
export type SecretStorageStatus = z.infer<typeof SecretStorageStatus>;

export const AppInfo = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'web']),
  secretBackend: z.string(),
  dataDir: z.string(),
  /** Problems found at start-up that the user should know about (e.g. a file set aside). */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PreheatTargetCluster = z.object({
  id: z.number(),
  name: z.string(),
  isDefault: z.boolean(),
  jobRateLimit: z.number(),
  /** null when the login cannot see schedulers (a personal access token). */
  canPreheat: z.boolean().nullable(),
  reason: z.string().nullable(),
  /** Active seed peers registered in the manager; null when the login cannot see them. */
  activeSeedPeers: z.number().nullable(),
  /** Seed peers seen confirming a preheat here in the last 24 h (the Rust seed peer never registers). */
  seedPeersSeen: z.number(),
});

export const PreheatTargets = z.array(
  z.object({
    managerId: z.string(),
    managerName: z.string(),
    /** Why the last refresh failed (the manager unreachable, a refused login); the clusters are then as of `asOf`. */
    error: z.string().nullable(),
    /** When the clusters shown were read from the manager (null: never). */
    asOf: z.string().nullable(),
    clusters: z.array(PreheatTargetCluster),
  }),
);
export type PreheatTargets = z.infer<typeof PreheatTargets>;

export const SpecIssueView = z.object({ path: z.string(), message: z.string() });

export const PreviewRequest = z.object({
  managerId: z.string(),
  managerName: z.string(),
  method: z.literal('POST'),
  url: z.string(),
  /** The exact JSON body, secrets masked. */
  body: z.string(),
  curl: z.string(),
});

export const PreheatPreview = z.object({
  issues: z.array(SpecIssueView),
  warnings: z.array(SpecIssueView),
  requests: z.array(PreviewRequest),
  /** Whether a registry password for this registry and username is in the keychain already. */
  storedRegistryPassword: z.boolean(),
});
export type PreheatPreview = z.infer<typeof PreheatPreview>;

/**
 * A target manager's part of a submission, as the outbox drives it: queued, sending, reconciling (sent,
 * answer unknown), then created (job #n), refused (the manager's reason), unknown (no job carries the
 * submission's marker: check before sending again) or cancelled.
 */
export const SubmissionTargetState = z.enum(['queued', 'sending', 'reconciling', 'created', 'refused', 'unknown', 'cancelled']);
export type SubmissionTargetState = z.infer<typeof SubmissionTargetState>;

export const SubmissionTarget = z.object({
  managerId: z.string(),
  managerName: z.string(),
  clusters: z.array(ClusterRef),
  state: SubmissionTargetState,
  /** Why a queued part waits: its manager is unreachable, or rate limiting. */
  waiting: z.string().nullable(),
  attempts: z.number(),
  rateLimited: z.number(),
  jobId: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string(), fields: z.array(SpecIssueView) }).nullable(),
  /** For `unknown`: jobs created around the send with the same URLs, for the user to check. */
  candidates: z.array(z.object({ jobId: z.number(), createdAt: z.string(), description: z.string(), urls: z.array(z.string()) })),
  /** What happened, step by step, for the result view. */
  log: z.array(z.object({ at: z.string(), text: z.string() })),
});
export type SubmissionTarget = z.infer<typeof SubmissionTarget>;

export const SubmissionView = z.object({
  id: z.string(),
  createdAt: z.string(),
  kind: z.enum(['image', 'file']),
  description: z.string(),
  urls: z.array(z.string()),
  /** What was chosen for an unreachable manager: keep the part queued, or fail it now. */
  ifUnreachable: z.enum(['queue', 'fail']),
  targets: z.array(SubmissionTarget),
  /** Every part settled (created, refused, unknown or cancelled). */
  done: z.boolean(),
});
export type SubmissionView = z.infer<typeof SubmissionView>;

export const FailureKind = z.enum(['job_error', 'peer_failure', 'unconfirmed', 'timeout', 'stuck', 'gone']);
export type FailureKind = z.infer<typeof FailureKind>;

/** One line of the live failure log. */
export const FailureEntry = z.object({
  id: z.number(),
  at: z.string(),
  managerId: z.string(),
  managerName: z.string(),
  jobId: z.number(),
  jobDescription: z.string(),
  cluster: ClusterRef.nullable(),
  kind: FailureKind,
  hostname: z.string(),
  ip: z.string(),
  url: z.string(),
  text: z.string(),
  /** Found when the app started or the manager was added: it ended while the app was not watching, and did not notify. */
  seenAtStart: z.boolean(),
});
export type FailureEntry = z.infer<typeof FailureEntry>;

export const FailureFilter = z.object({
  search: z.string().max(2000).default(''),
  managerIds: z.array(z.string()).default([]),
  /** `${managerId}:${clusterId}` */
  clusters: z.array(z.string()).default([]),
  kinds: z.array(FailureKind).default([]),
  /** Hostname or IP, matched as a substring. */
  peer: z.string().max(256).default(''),
  /** `${managerId}:${jobId}` */
  job: z.string().max(128).default(''),
});
export type FailureFilter = z.input<typeof FailureFilter>;

export const FailurePage = z.object({
  /** Id of the newest entry in the log; the UI counts what arrived while paused from it. */
  newestId: z.number(),
  total: z.number(),
  offset: z.number(),
  entries: z.array(FailureEntry),
  managers: z.array(z.object({ id: z.string(), name: z.string() })),
  clusters: z.array(z.object({ managerId: z.string(), managerName: z.string(), id: z.number(), name: z.string() })),
});
export type FailurePage = z.infer<typeof FailurePage>;

export const AppNotification = z.object({
  id: z.string(),
  at: z.string(),
  managerId: z.string(),
  managerName: z.string(),
  title: z.string(),
  body: z.string(),
  /** `dragonfly-desk://manager/<id>/job/<jobId>`, or the failure log of the manager for a summary. */
  link: z.string(),
  seen: z.boolean(),
});
export type AppNotification = z.infer<typeof AppNotification>;

/** A manager whose notifications are muted: until a time, or (null) until unmuted. */
export const ManagerMute = z.object({ managerId: z.string(), managerName: z.string(), until: z.string().nullable() });
export type ManagerMute = z.infer<typeof ManagerMute>;

export const NotificationCenterView = z.object({
  unseen: z.number(),
  items: z.array(AppNotification),
  pausedUntil: z.string().nullable(),
  /** Managers muted now. */
  mutes: z.array(ManagerMute),
});
export type NotificationCenterView = z.infer<typeof NotificationCenterView>;

export const WatchState = z.object({
  managerId: z.string(),
  managerName: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  pending: z.number(),
  lastTickAt: z.string().nullable(),
  nextTickAt: z.string().nullable(),
  /** A token login whose token expires soon (set when its expiry is known). */
  tokenExpiresAt: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type WatchState = z.infer<typeof WatchState>;

export const Settings = z.object({
  version: z.literal(1),
  notifyPartial: z.boolean(),
  pausedUntil: z.string().nullable(),
  closeToTray: z.boolean(),
  historyRetentionDays: z.number().int().min(1).max(3650),
  historyMaxMB: z.number().int().min(10).max(100_000),
  /** Where credentials go: the OS keychain, or (opted in, not encrypted) secrets.json in the data folder. */
  secretStorage: z.enum(['keychain', 'file']).default('keychain'),
  /** The draft the form had open, reopened at the next start. */
  openDraftId: z.string().nullable().default(null),
  /** managerId → muted until (ISO time), or null: muted until unmuted. */
  mutedManagers: z.record(z.string(), z.string().nullable()).default({}),
  colorScheme: z.enum(['auto', 'light', 'dark']).default('auto'),
  /** Start the installed app at login, in the tray, so the watch goes on after a reboot. */
  startAtLogin: z.boolean().default(false),
});
export type Settings = z.infer<typeof Settings>;
