import { z } from 'zod';
import { ClusterDetail, DashboardView, OutcomeRange } from './dashboard';
import { DraftSummary, DraftView, TemplateVariable } from './drafts';
import { PreheatSpec } from './preheat-spec';
import {
  AppInfo,
  FailureFilter,
  FailurePage,
  NotificationCenterView,
  Settings,
  WatchState,
  PreheatPreview,
  PreheatTargets,
  SubmissionView,
  ConnectionReport,
  JobDetail,
  JobFilter,
  JobPage,
  JobActionResult,
  JobRef,
  JobRow,
  ManagerInput,
  ManagerView,
  SecretStorageStatus,
} from './models';

/**
 * The single declaration of every call the UI can make and every event the back end pushes.
 * Both transports (Electron IPC and the loopback web transport) bind exactly these.
 */
const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

const ManagerId = z.object({ id: z.string().min(1) });
const DraftId = z.object({ id: z.string().min(1) });
const ClusterRefInput = z.object({ managerId: z.string().min(1), clusterId: z.number().int().min(1) });

export const calls = {
  'app.info': call(z.object({}), AppInfo),
  'managers.list': call(z.object({}), z.array(ManagerView)),
  'managers.add': call(ManagerInput, ManagerView),
  'managers.update': call(ManagerId.extend({ input: ManagerInput }), ManagerView),
  'managers.remove': call(ManagerId, z.object({ removed: z.literal(true) })),
  /** What removing a manager deletes, for the confirmation: the jobs its history keeps. */
  'managers.removalImpact': call(ManagerId, z.object({ keptJobs: z.number().int().min(0) })),
  /** Test a saved manager (by id) or a draft from the form (by input; secrets optional when id is given). */
  'managers.test': call(
    z.object({ id: z.string().min(1).optional(), input: ManagerInput.optional() }).refine(
      (v) => v.id !== undefined || v.input !== undefined,
      'Give a manager id or a manager to test',
    ),
    ConnectionReport,
  ),
  'jobs.query': call(
    z.object({
      filter: JobFilter,
      offset: z.number().int().min(0),
      limit: z.number().int().min(0).max(500),
    }),
    JobPage,
  ),
  /** Load the next page: of one manager, or of whichever manager limits the merged order. */
  'jobs.loadMore': call(z.object({ managerId: z.string().optional() }), z.object({ loaded: z.number() })),
  'jobs.loadAll': call(z.object({}), z.object({ loaded: z.number() })),
  'jobs.refresh': call(z.object({}), z.object({ refreshed: z.number() })),
  /** Ask for the targeted clusters of rows on screen; answered from cache or one detail fetch each, once. */
  'jobs.resolveTargets': call(z.object({ refs: z.array(JobRef).max(200) }), z.object({ requested: z.number() })),
  'jobs.get': call(JobRef, JobDetail),
  /** Ask every manager (or the ones named) for a job id that is not loaded; found jobs join the list. */
  'jobs.find': call(
    z.object({ jobId: z.number().int().positive(), managerIds: z.array(z.string()).optional() }),
    z.object({ found: z.array(JobRow), missing: z.array(z.object({ managerId: z.string(), managerName: z.string(), reason: z.string() })) }),
  ),
  /** Load older pages of every manager until each reaches back to `since` (a created-date filter). */
  'jobs.cover': call(z.object({ since: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'since must be a date') }), z.object({ loaded: z.number() })),
  /** Delete jobs' records on their managers. What peers already cached stays cached. */
  'jobs.delete': call(z.object({ refs: z.array(JobRef).min(1).max(1000) }), JobActionResult),
  /** Change a job's description on its manager (one line; the manager cannot clear it). */
  'jobs.describe': call(JobRef.extend({ description: z.string().max(4096) }), JobRow),
  /** The filtered list (or the jobs picked) as CSV or JSON, for download. */
  'jobs.export': call(
    z.object({ filter: JobFilter, refs: z.array(JobRef).max(100_000).optional(), format: z.enum(['csv', 'json']) }),
    z.object({ fileName: z.string(), content: z.string(), count: z.number() }),
  ),
  /** Clusters of every manager, and whether each can take a preheat now. */
  'preheats.targets': call(z.object({ refresh: z.boolean().optional() }), PreheatTargets),
  /** The exact request each target manager would receive (secrets masked), with validation. */
  'preheats.preview': call(
    z.object({
      spec: PreheatSpec,
      registryPasswordGiven: z.boolean(),
      /** The draft this spec is: a secret header it keeps in the keychain may be left empty. */
      draftId: z.string().min(1).optional(),
    }),
    PreheatPreview,
  ),
  /** Delete the registry password kept in the keychain for this registry and username. */
  'preheats.forgetRegistryPassword': call(z.object({ registry: z.string().min(1).max(253), username: z.string().min(1).max(256) }), z.object({ forgotten: z.boolean() })),
  /** Fan a spec out to its target managers; progress arrives as `preheats.submission` events. */
  'preheats.submit': call(
    z.object({
      spec: PreheatSpec,
      registryPassword: z.string().max(1024).optional(),
      rememberPassword: z.boolean(),
      /** A manager that cannot be reached: keep its part queued until it answers (the default), or fail it now. */
      ifUnreachable: z.enum(['queue', 'fail']).default('queue'),
      /** The draft this spec is: secret header values left empty come from it, and it is done once sent. */
      draftId: z.string().min(1).optional(),
    }),
    SubmissionView,
  ),
  'preheats.submission': call(z.object({ id: z.string().min(1) }), SubmissionView),
  /** Every submission in the outbox, newest first (settled ones are kept 7 days). */
  'outbox.list': call(z.object({}), z.object({ submissions: z.array(SubmissionView), waiting: z.number(), attention: z.number() })),
  /** Send again now: a queued part at once; an unknown or refused one after one more look for its job. */
  'outbox.retry': call(z.object({ id: z.string().min(1), managerId: z.string().min(1).optional() }), SubmissionView),
  /** Never send what has not been created: queued, unknown or refused parts. */
  'outbox.cancel': call(z.object({ id: z.string().min(1), managerId: z.string().min(1).optional() }), SubmissionView),
  /** A spec to preheat a job's content again ("Duplicate"), or only its failed peers. Secrets are left out. */
  'preheats.fromJob': call(
    JobRef.extend({ mode: z.enum(['duplicate', 'retry-failed']) }),
    z.object({ spec: PreheatSpec, notes: z.array(z.string()) }),
  ),
  /** A window of the live failure log, oldest first, filtered. */
  'failures.query': call(z.object({ filter: FailureFilter, offset: z.number().int().min(0), limit: z.number().int().min(0).max(1000) }), FailurePage),
  /** Everything the filter shows, as text or JSON, for download. */
  'failures.export': call(z.object({ filter: FailureFilter, format: z.enum(['text', 'json']) }), z.object({ content: z.string(), count: z.number() })),
  'notifications.view': call(z.object({}), NotificationCenterView),
  'notifications.markSeen': call(z.object({ ids: z.union([z.array(z.string()), z.literal('all')]) }), NotificationCenterView),
  /** Pause notifications for a while (minutes), or resume them (0). */
  'notifications.pause': call(z.object({ minutes: z.number().int().min(0).max(1440) }), NotificationCenterView),
  /** Mute one manager's notifications until a time, or (null) until unmuted; they still appear under the bell. */
  'notifications.mute': call(
    z.object({ managerId: z.string().min(1), until: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'Muted until must be a date and time').nullable() }),
    NotificationCenterView,
  ),
  'notifications.unmute': call(z.object({ managerId: z.string().min(1) }), NotificationCenterView),
  /** Where credentials are kept (the OS keychain, this run's memory, or secrets.json) and why. */
  'secrets.status': call(z.object({}), SecretStorageStatus),
  /** Check again whether the OS keychain can store and give back a secret. */
  'secrets.recheck': call(z.object({}), SecretStorageStatus),
  /** Keep credentials in the keychain (moving them there, deleting secrets.json) or, opted in, in the file. */
  'secrets.use': call(z.object({ storage: z.enum(['keychain', 'file']) }), SecretStorageStatus),
  'settings.get': call(z.object({}), Settings),
  // Where credentials go changes only through secrets.use, which moves them; the open draft through drafts.open.
  // Mutes through notifications.mute, which says who is muted.
  'settings.update': call(Settings.omit({ version: true, secretStorage: true, openDraftId: true, mutedManagers: true }).partial(), Settings),
  /** Every draft and template, newest first, and the draft the form had open. */
  'drafts.list': call(z.object({}), z.object({ drafts: z.array(DraftSummary), templates: z.array(DraftSummary), openDraftId: z.string().nullable() })),
  'drafts.get': call(DraftId, DraftView),
  /** Save what the form holds, as it is typed (a new draft without an id); an older revision never overwrites a newer one. */
  'drafts.save': call(
    z.object({ id: z.string().min(1).optional(), spec: PreheatSpec, revision: z.number().int().min(1) }),
    z.object({ id: z.string(), revision: z.number(), savedAt: z.string() }),
  ),
  'drafts.rename': call(DraftId.extend({ name: z.string().max(200) }), DraftSummary),
  'drafts.duplicate': call(DraftId, DraftSummary),
  /** Delete a draft or template; it can be brought back for ten minutes. */
  'drafts.delete': call(DraftId, z.object({ id: z.string(), undoUntil: z.string() })),
  'drafts.restore': call(DraftId, DraftSummary),
  /** The draft the form has open (null: none), reopened at the next start. */
  'drafts.open': call(z.object({ id: z.string().min(1).nullable() }), z.object({ openDraftId: z.string().nullable() })),
  /** Save a draft as a named template; `{{name}}` in its text marks a field asked for each time it is used. */
  'drafts.saveAsTemplate': call(z.object({ draftId: z.string().min(1), name: z.string().max(200), variables: z.array(TemplateVariable).max(20) }), DraftSummary),
  /** A new draft from a template, its fields filled in and checked; the template stays as it is. */
  'drafts.fromTemplate': call(z.object({ templateId: z.string().min(1), values: z.record(z.string(), z.string().max(2000)) }), DraftView),
  /** Drafts and templates as a spec file (YAML or JSON, versioned, targets by name, no secret). */
  'drafts.export': call(z.object({ ids: z.array(z.string().min(1)).min(1).max(500), format: z.enum(['yaml', 'json']) }), z.object({ fileName: z.string(), content: z.string(), count: z.number() })),
  /** Read a spec file into drafts and templates; a secret header's value is asked for first. */
  'drafts.import': call(
    z.object({ fileName: z.string().max(255), content: z.string().max(12 * 1024 * 1024), secrets: z.record(z.string(), z.string().max(8192)).optional() }),
    z.discriminatedUnion('status', [
      z.object({ status: z.literal('imported'), imported: z.array(DraftSummary), warnings: z.array(z.string()) }),
      z.object({ status: z.literal('needs-secrets'), headers: z.array(z.string()), warnings: z.array(z.string()) }),
    ]),
  ),
  /** How the watcher sees each manager: reachable, pending count, warnings (e.g. a token about to expire). */
  'watch.states': call(z.object({}), z.array(WatchState)),
  /** Make the watcher look at every manager now. */
  'watch.kick': call(z.object({}), z.object({ ok: z.literal(true) })),
  /** Every manager and cluster with health and outcomes; never waits for a manager (data refreshes behind it). */
  'dashboard.view': call(z.object({ range: OutcomeRange }), DashboardView),
  /** Refresh the inventory of every manager now. */
  'dashboard.refresh': call(z.object({}), z.object({ ok: z.literal(true) })),
  'clusters.detail': call(ClusterRefInput, ClusterDetail),
  /** The cluster's peers (from the manager's peers table) as CSV. */
  'clusters.peersCsv': call(ClusterRefInput, z.object({ content: z.string(), count: z.number() })),
} as const;

export const events = {
  /** The merged job list changed; re-query what is on screen. */
  'jobs.changed': z.object({ version: z.number() }),
  /** The manager list or a manager's reported state changed. */
  'managers.changed': z.object({}),
  /** Where credentials are kept changed (the keychain went away, or they were moved). */
  'secrets.changed': SecretStorageStatus,
  /** A submission's parts moved on (queued, sent, reconciled, created, refused…). */
  'preheats.submission': SubmissionView,
  /** A draft or template was saved, renamed, added or deleted. */
  'drafts.changed': z.object({}),
  /** How many outbox parts wait, and how many need the user: for the navigation's badge. */
  'outbox.changed': z.object({ waiting: z.number(), attention: z.number() }),
  /** New entries reached the failure log. */
  'failures.appended': z.object({ newestId: z.number(), added: z.number() }),
  'notifications.changed': NotificationCenterView,
  /** A notification to show on the desktop or in the browser (not sent while notifications are paused). */
  'notifications.new': z.object({ id: z.string(), title: z.string(), body: z.string(), link: z.string() }),
  'watch.changed': z.array(WatchState),
  /** A manager's inventory refresh started or ended: re-read the dashboard. */
  'dashboard.changed': z.object({}),
  /** Open a screen of the app: a deep link was followed (a notification, the tray, dragonfly-desk://…). */
  'app.navigate': z.object({ link: z.string() }),
} as const;

export type CallName = keyof typeof calls;
export type EventName = keyof typeof events;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = z.infer<(typeof calls)[N]['output']>;
export type EventPayload<N extends EventName> = z.infer<(typeof events)[N]>;

/** What the back end implements: one function per call, given the input as the contract parsed it. */
export type Handlers = {
  [N in CallName]: (input: z.output<(typeof calls)[N]['input']>) => Promise<CallOutput<N>>;
};

/** The handlers of one contract area, e.g. `HandlersOf<'managers'>` for every `managers.*` call. */
export type HandlersOf<Area extends string> = {
  [N in CallName as N extends `${Area}.${string}` ? N : never]: Handlers[N];
};

/** Every event the back end pushes, as one listener sees it. */
export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

/** Electron IPC channel names carry one prefix, checked on both sides. */
export const CHANNEL_PREFIX = 'desk:';
export const callChannel = (name: CallName) => `${CHANNEL_PREFIX}call:${name}`;
export const eventChannel = (name: EventName) => `${CHANNEL_PREFIX}event:${name}`;
