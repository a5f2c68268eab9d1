import { z } from 'zod';
import { PreheatSpec } from './preheat-spec';
import {
  AppInfo,
  PreheatPreview,
  PreheatTargets,
  SubmissionView,
  ConnectionReport,
  JobDetail,
  JobFilter,
  JobPage,
  JobRef,
  ManagerInput,
  ManagerView,
} from './models';

/**
 * The single declaration of every call the UI can make and every event the back end pushes.
 * Both transports (Electron IPC and the loopback web transport) bind exactly these.
 */
const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

const ManagerId = z.object({ id: z.string().min(1) });

export const calls = {
  'app.info': call(z.object({}), AppInfo),
  'managers.list': call(z.object({}), z.array(ManagerView)),
  'managers.add': call(ManagerInput, ManagerView),
  'managers.update': call(ManagerId.extend({ input: ManagerInput }), ManagerView),
  'managers.remove': call(ManagerId, z.object({ removed: z.literal(true) })),
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
  /** Clusters of every manager, and whether each can take a preheat now. */
  'preheats.targets': call(z.object({ refresh: z.boolean().optional() }), PreheatTargets),
  /** The exact request each target manager would receive (secrets masked), with validation. */
  'preheats.preview': call(z.object({ spec: PreheatSpec, registryPasswordGiven: z.boolean() }), PreheatPreview),
  /** Fan a spec out to its target managers; progress arrives as `preheats.submission` events. */
  'preheats.submit': call(
    z.object({ spec: PreheatSpec, registryPassword: z.string().max(1024).optional(), rememberPassword: z.boolean() }),
    SubmissionView,
  ),
  'preheats.submission': call(z.object({ id: z.string().min(1) }), SubmissionView),
  /** A spec to preheat a job's content again ("Duplicate"), or only its failed peers. Secrets are left out. */
  'preheats.fromJob': call(
    JobRef.extend({ mode: z.enum(['duplicate', 'retry-failed']) }),
    z.object({ spec: PreheatSpec, notes: z.array(z.string()) }),
  ),
} as const;

export const events = {
  /** The merged job list changed; re-query what is on screen. */
  'jobs.changed': z.object({ version: z.number() }),
  /** The manager list or a manager's reported state changed. */
  'managers.changed': z.object({}),
  /** A submission's targets moved on (sent, rate limited, reconciled, created, failed). */
  'preheats.submission': SubmissionView,
} as const;

export type CallName = keyof typeof calls;
export type EventName = keyof typeof events;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = z.infer<(typeof calls)[N]['output']>;
export type EventPayload<N extends EventName> = z.infer<(typeof events)[N]>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

/** Electron IPC channel names carry one prefix, checked on both sides. */
export const CHANNEL_PREFIX = 'desk:';
export const callChannel = (name: CallName) => `${CHANNEL_PREFIX}call:${name}`;
export const eventChannel = (name: EventName) => `${CHANNEL_PREFIX}event:${name}`;
