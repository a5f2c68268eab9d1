import { z } from 'zod';
import { resolveImageRef } from './image-ref';

/**
 * The preheat spec: what the operator wants preheated, independent of any one manager. Plain,
 * versioned data: the form edits it, drafts store it, and the back end turns it into one create
 * request per target manager. Secrets are not part of it: the registry password travels beside it.
 */
export const SCOPES = ['single_seed_peer', 'all_seed_peers', 'all_peers'] as const;
export type Scope = (typeof SCOPES)[number];

export const Selection = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('all') }),
  z.object({ mode: z.literal('ips'), ips: z.array(z.string()) }),
  z.object({ mode: z.literal('count'), count: z.number().nullable() }),
  z.object({ mode: z.literal('percentage'), percentage: z.number().nullable() }),
]);
export type Selection = z.infer<typeof Selection>;

export const PreheatSpec = z.object({
  version: z.literal(1),
  kind: z.enum(['image', 'file']),
  description: z.string(),
  /** Scheduler cluster ids per manager; one create request goes to each manager. */
  targets: z.array(z.object({ managerId: z.string().min(1), clusterIds: z.array(z.number().int().positive()) })),
  image: z.object({ reference: z.string(), platform: z.string(), username: z.string() }),
  files: z.array(z.string()),
  pieceLengthMiB: z.number().nullable(),
  scope: z.enum(SCOPES),
  selection: Selection,
  tag: z.string(),
  application: z.string(),
  filteredQueryParams: z.array(z.string()),
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  advanced: z.object({
    concurrentTaskCount: z.number().nullable(),
    concurrentPeerCount: z.number().nullable(),
    timeoutMinutes: z.number().nullable(),
  }),
});
export type PreheatSpec = z.infer<typeof PreheatSpec>;

export function emptySpec(kind: 'image' | 'file' = 'image'): PreheatSpec {
  return {
    version: 1,
    kind,
    description: '',
    targets: [],
    image: { reference: '', platform: 'linux/amd64', username: '' },
    files: [''],
    pieceLengthMiB: null,
    scope: 'single_seed_peer',
    selection: { mode: 'all' },
    tag: '',
    application: '',
    filteredQueryParams: [],
    headers: [],
    advanced: { concurrentTaskCount: null, concurrentPeerCount: null, timeoutMinutes: null },
  };
}

/** The manager's limits (manager-api.md §3.3), not the console's. */
export const LIMITS = {
  description: 1024,
  pieceLengthMiB: [4, 64],
  ips: [1, 100],
  count: [1, 200],
  percentage: [1, 100],
  concurrentTaskCount: [1, 100],
  concurrentPeerCount: [1, 1000],
  /** The manager stops watching a job after ~62.5 min (16 polls), whatever the timeout. */
  watchedMinutes: 62,
  timeoutMinutes: [1, 10080],
} as const;

/** What the manager adds when `filtered_query_params` is left empty (pkg/net/http/header.go). */
export const DEFAULT_FILTERED_QUERY_PARAMS = [
  'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature',
  'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Goog-Algorithm', 'X-Goog-Credential', 'X-Goog-Date', 'X-Goog-Expires',
  'X-Goog-SignedHeaders', 'X-Goog-Signature', 'OSSAccessKeyId', 'Expires', 'Signature', 'SecurityToken', 'AccessKeyId',
  'X-Obs-Date', 'X-Obs-Security-Token', 'q-sign-algorithm', 'q-ak', 'q-sign-time', 'q-key-time', 'q-header-list',
  'q-url-param-list', 'q-signature', 'x-cos-security-token', 'ns',
];

export const FILE_URL_SCHEMES = ['http:', 'https:', 'ftp:', 's3:', 'oss:', 'obs:', 'cos:', 'gs:', 'hdfs:'];

export interface SpecIssue {
  /** Where in the spec: `image.reference`, `files.2`, `selection.ips`, `headers.1.name`, … */
  path: string;
  message: string;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(([0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(([0-9a-f]{1,4}:){0,7}[0-9a-f]{0,4})?::(([0-9a-f]{1,4}:){0,7}[0-9a-f]{1,4})?)$/i;
export const isIp = (s: string) => IPV4.test(s) || (s.includes(':') && IPV6.test(s));

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const whole = (n: number | null) => n !== null && Number.isInteger(n);
const inRange = (n: number | null, [lo, hi]: readonly [number, number]) => whole(n) && n! >= lo && n! <= hi;

export function fileUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return 'is not a URL (e.g. https://files.example.com/model.bin)';
  }
  if (!FILE_URL_SCHEMES.includes(u.protocol)) return `uses ${u.protocol.replace(':', '')}: only ${FILE_URL_SCHEMES.map((s) => s.replace(':', '')).join(', ')} can be preheated`;
  if (!u.host) return 'has no host';
  return null;
}

/** The description's rules, shared by the form and "Edit description" on a job. */
/** A description as the manager takes it: one line. A pasted line break becomes a space. */
export const singleLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');

export function descriptionProblem(text: string): string | null {
  if (text.length > LIMITS.description) return `Description must be at most ${LIMITS.description} characters (the manager's limit); it has ${text.length}`;
  if (/[\r\n]/.test(text)) return 'Description must be a single line';
  return null;
}

/**
 * Every rule the manager will apply, checked before anything is sent; each issue names its field.
 * `keptSecretHeaders`: headers whose value a draft keeps in the keychain, so an empty value is fine.
 */
export function validateSpec(spec: PreheatSpec, opts: { keptSecretHeaders?: readonly string[] } = {}): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const description = descriptionProblem(spec.description);
  if (description) add('description', description);
  if (!spec.targets.some((t) => t.clusterIds.length > 0)) add('targets', 'Pick at least one cluster to preheat');

  if (spec.kind === 'image') {
    const ref = resolveImageRef(spec.image.reference);
    if (!ref.ok) add('image.reference', ref.error);
    if (spec.image.platform !== '' && !PLATFORM.test(spec.image.platform)) {
      add('image.platform', 'Platform must be os/arch or os/arch/variant, e.g. linux/amd64 or linux/arm64/v8');
    }
    if (spec.image.username.length > 256) add('image.username', 'Username must be at most 256 characters');
  } else {
    const urls = spec.files.map((u) => u.trim());
    if (!urls.some((u) => u !== '')) add('files', 'Add at least one URL to preheat');
    urls.forEach((u, i) => {
      if (u === '') {
        if (urls.length > 1) add(`files.${i}`, 'Enter a URL or remove this line');
        return;
      }
      const problem = fileUrlProblem(u);
      if (problem) add(`files.${i}`, `This URL ${problem}`);
      else if (urls.indexOf(u) !== i) add(`files.${i}`, 'This URL is already in the list');
    });
  }

  if (spec.pieceLengthMiB !== null && !inRange(spec.pieceLengthMiB, LIMITS.pieceLengthMiB)) {
    add('pieceLengthMiB', 'Piece length must be a whole number of MiB from 4 to 64, or empty to let the manager choose');
  }

  if (spec.scope !== 'single_seed_peer') {
    const s = spec.selection;
    if (s.mode === 'ips') {
      const ips = s.ips.map((ip) => ip.trim()).filter(Boolean);
      if (ips.length < LIMITS.ips[0]) add('selection.ips', 'Enter at least one IP address, or choose All');
      if (ips.length > LIMITS.ips[1]) add('selection.ips', `The manager accepts at most ${LIMITS.ips[1]} IPs; this list has ${ips.length}`);
      const wrong = ips.filter((ip) => !isIp(ip));
      if (wrong.length) add('selection.ips', `Not an IPv4 or IPv6 address: ${wrong.slice(0, 5).join(', ')}${wrong.length > 5 ? ` and ${wrong.length - 5} more` : ''}`);
      const dupes = ips.filter((ip, i) => ips.indexOf(ip) !== i);
      if (dupes.length) add('selection.ips', `Listed twice: ${[...new Set(dupes)].join(', ')}`);
    }
    if (s.mode === 'count' && !inRange(s.count, LIMITS.count)) add('selection.count', 'Count must be a whole number from 1 to 200');
    if (s.mode === 'percentage' && !inRange(s.percentage, LIMITS.percentage)) add('selection.percentage', 'Percentage must be a whole number from 1 to 100');
  }

  if (spec.tag.length > 1024) add('tag', 'Tag must be at most 1024 characters');
  if (spec.application.length > 1024) add('application', 'Application must be at most 1024 characters');

  spec.filteredQueryParams.forEach((p, i) => {
    if (p.trim() === '') add(`filteredQueryParams.${i}`, 'A filtered query parameter cannot be empty');
    else if (/[&=\s]/.test(p)) add(`filteredQueryParams.${i}`, `"${p}" is one parameter name: no &, = or spaces`);
  });

  const seen = new Map<string, number>();
  spec.headers.forEach((h, i) => {
    const name = h.name.trim();
    if (name === '') add(`headers.${i}.name`, 'Header name is required (or remove the row)');
    else if (!HEADER_NAME.test(name)) add(`headers.${i}.name`, `"${name}" is not a valid header name`);
    else if (seen.has(name.toLowerCase())) add(`headers.${i}.name`, `${name} is already set above`);
    seen.set(name.toLowerCase(), i);
    const kept = opts.keptSecretHeaders?.some((k) => k.toLowerCase() === name.toLowerCase());
    if (name !== '' && h.value === '' && !kept) add(`headers.${i}.value`, `${name} needs a value (or remove the row)`);
    if (/[\r\n]/.test(h.value)) add(`headers.${i}.value`, 'Header values cannot contain line breaks');
    if (h.value.length > 8192) add(`headers.${i}.value`, 'Header value must be at most 8192 characters');
  });

  const a = spec.advanced;
  if (a.concurrentTaskCount !== null && !inRange(a.concurrentTaskCount, LIMITS.concurrentTaskCount)) {
    add('advanced.concurrentTaskCount', 'Concurrent task count must be a whole number from 1 to 100, or empty for the default (8)');
  }
  if (a.concurrentPeerCount !== null && !inRange(a.concurrentPeerCount, LIMITS.concurrentPeerCount)) {
    add('advanced.concurrentPeerCount', 'Concurrent peer count must be a whole number from 1 to 1000, or empty for the default (500)');
  }
  if (a.timeoutMinutes !== null && !inRange(a.timeoutMinutes, LIMITS.timeoutMinutes)) {
    add('advanced.timeoutMinutes', 'Timeout must be a whole number of minutes from 1 to 10080, or empty for the default (60)');
  }
  return issues;
}

/** Things that will work but not as the operator may expect. */
export function specWarnings(spec: PreheatSpec, opts: { registryPassword: boolean }): SpecIssue[] {
  const out: SpecIssue[] = [];
  if (spec.advanced.timeoutMinutes !== null && spec.advanced.timeoutMinutes > LIMITS.watchedMinutes) {
    out.push({
      path: 'advanced.timeoutMinutes',
      message: `The manager stops watching a job after about ${LIMITS.watchedMinutes} minutes and then marks it failed, even if the schedulers are still working within this timeout.`,
    });
  }
  if (spec.kind === 'image' && opts.registryPassword) {
    out.push({
      path: 'image.password',
      message: 'The manager stores the registry password in clear in the job and returns it to anyone who can read jobs. A short-lived token in an Authorization header is safer.',
    });
  }
  const clusters = spec.targets.reduce((n, t) => n + t.clusterIds.length, 0);
  if (spec.scope !== 'single_seed_peer' && spec.selection.mode === 'ips' && clusters > 1) {
    out.push({
      path: 'selection.ips',
      message: 'IPs are matched in each cluster separately: a cluster that holds none of these IPs fails its part of the preheat.',
    });
  }
  return out;
}

const MIB = 1024 * 1024;
/** The manager's default timeout: 60 minutes, in nanoseconds. */
export const DEFAULT_TIMEOUT_NS = 3_600_000_000_000;
const SECOND_NS = 1_000_000_000;

/**
 * A per-submission marker that lets the app recognise its own job when a create's answer is lost. It
 * rides in the sub-second part of `args.timeout`: the manager stores that number verbatim and returns
 * it in create, get and list answers, it is not part of the task id, and it moves the schedulers'
 * deadline by less than a second. Someone else's identical preheat carries another (or none).
 */
export const MARKER_MAX = SECOND_NS - 1;
export const markerOfTimeout = (timeoutNs: unknown): number | null =>
  typeof timeoutNs === 'number' && Number.isSafeInteger(timeoutNs) && timeoutNs % SECOND_NS !== 0 ? timeoutNs % SECOND_NS : null;

/** The create request one manager receives: only the fields that are set, as the console sends them. */
export function createRequestBody(
  spec: PreheatSpec,
  clusterIds: number[],
  opts: { registryPassword: string | null; userId: number | null; marker?: number },
): Record<string, unknown> {
  const args: Record<string, unknown> = { type: spec.kind };
  if (spec.kind === 'image') {
    const ref = resolveImageRef(spec.image.reference);
    args.url = ref.ok ? ref.manifestUrl : spec.image.reference.trim();
    if (spec.image.platform) args.platform = spec.image.platform;
    if (spec.image.username) args.username = spec.image.username;
    if (opts.registryPassword) args.password = opts.registryPassword;
  } else {
    args.urls = spec.files.map((u) => u.trim()).filter(Boolean);
  }
  if (spec.pieceLengthMiB !== null) args.piece_length = spec.pieceLengthMiB * MIB;
  if (spec.tag) args.tag = spec.tag;
  if (spec.application) args.application = spec.application;
  if (spec.filteredQueryParams.length) args.filtered_query_params = spec.filteredQueryParams.map((p) => p.trim()).join('&');
  if (spec.headers.length) args.headers = Object.fromEntries(spec.headers.map((h) => [h.name.trim(), h.value]));
  args.scope = spec.scope;
  if (spec.scope !== 'single_seed_peer') {
    const s = spec.selection;
    // The manager rejects an empty ips list and a zero count or percentage: send only the one chosen.
    if (s.mode === 'ips') args.ips = s.ips.map((ip) => ip.trim()).filter(Boolean);
    if (s.mode === 'count' && s.count !== null) args.count = s.count;
    if (s.mode === 'percentage' && s.percentage !== null) args.percentage = s.percentage;
  }
  if (spec.advanced.concurrentTaskCount !== null) args.concurrent_task_count = spec.advanced.concurrentTaskCount;
  if (spec.advanced.concurrentPeerCount !== null) args.concurrent_peer_count = spec.advanced.concurrentPeerCount;
  const timeoutNs = spec.advanced.timeoutMinutes !== null ? spec.advanced.timeoutMinutes * 60 * SECOND_NS : null;
  if (opts.marker) args.timeout = (timeoutNs ?? DEFAULT_TIMEOUT_NS) + opts.marker;
  else if (timeoutNs !== null) args.timeout = timeoutNs;
  return {
    type: 'preheat',
    ...(spec.description ? { bio: spec.description } : {}),
    ...(opts.userId ? { user_id: opts.userId } : {}),
    scheduler_cluster_ids: clusterIds,
    args,
  };
}

/** Where a manager's complaint about a request field belongs in the form. */
export function specPathOfManagerField(field: string, kind: 'image' | 'file'): string | null {
  const map: Record<string, string> = {
    'args.url': kind === 'image' ? 'image.reference' : 'files',
    'args.urls': 'files',
    'args.type': 'kind',
    'args.piece_length': 'pieceLengthMiB',
    'args.ips': 'selection.ips',
    'args.count': 'selection.count',
    'args.percentage': 'selection.percentage',
    'args.platform': 'image.platform',
    'args.headers': 'headers',
    'args.concurrent_task_count': 'advanced.concurrentTaskCount',
    'args.concurrent_peer_count': 'advanced.concurrentPeerCount',
    'args.timeout': 'advanced.timeoutMinutes',
    'args.tag': 'tag',
    'args.application': 'application',
    'args.filtered_query_params': 'filteredQueryParams',
    bio: 'description',
    scheduler_cluster_ids: 'targets',
  };
  return map[field] ?? null;
}
