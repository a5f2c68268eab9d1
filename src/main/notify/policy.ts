import type { JobStatus } from '../../shared/models';

/** Something the watcher noticed that may deserve a notification. */
export interface WatchEvent {
  managerId: string;
  managerName: string;
  jobId: number;
  kind: Extract<JobStatus, 'failed' | 'timed_out' | 'partial' | 'unconfirmed'> | 'stuck' | 'gone';
  description: string;
  /** The first error text or failing peer, for the notification body. */
  reason: string;
}

export interface PlannedNotification {
  managerId: string;
  managerName: string;
  title: string;
  body: string;
  link: string;
  /** `${managerId}:${jobId}` of every job it covers. */
  jobs: string[];
}

/** More events than this for one manager in one tick are summed up in one notification. */
export const BURST = 3;

const WORD: Record<WatchEvent['kind'], [string, string]> = {
  failed: ['failed', 'failed'],
  timed_out: ['timed out', 'timed out'],
  partial: ['partly failed', 'partly failed'],
  unconfirmed: ['was confirmed by no peer', 'were confirmed by no peer'],
  stuck: ['is stuck', 'are stuck'],
  gone: ['vanished while pending', 'vanished while pending'],
};

export const jobLink = (managerId: string, jobId: number) => `dragonfly-desk://manager/${encodeURIComponent(managerId)}/job/${jobId}`;
export const failuresLink = (managerId: string) => `dragonfly-desk://failures?manager=${encodeURIComponent(managerId)}`;

/**
 * What notifies. Failures, time-outs, stuck and vanished jobs always do; partial successes unless turned
 * off. A job notifies once, ever (the caller's `notified` survives restarts). A burst for one manager
 * becomes one summary ("7 preheats failed on prod-eu") instead of a flood.
 */
export function planNotifications(events: WatchEvent[], opts: { notifyPartial: boolean; notified: (key: string) => boolean }): PlannedNotification[] {
  const fresh = events.filter((e) => (e.kind !== 'partial' || opts.notifyPartial) && !opts.notified(`${e.managerId}:${e.jobId}:${e.kind}`));
  const byManager = new Map<string, WatchEvent[]>();
  for (const e of fresh) {
    let list = byManager.get(e.managerId);
    if (!list) byManager.set(e.managerId, (list = []));
    // Pushed, not copied: a first tick can carry tens of thousands of events.
    list.push(e);
  }
  const out: PlannedNotification[] = [];
  for (const [managerId, list] of byManager) {
    const name = list[0]!.managerName;
    const keys = list.map((e) => `${e.managerId}:${e.jobId}:${e.kind}`);
    if (list.length > BURST) {
      const counts = new Map<WatchEvent['kind'], number>();
      for (const e of list) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
      const parts = [...counts].map(([k, n]) => `${n} ${WORD[k][1]}`);
      out.push({
        managerId,
        managerName: name,
        title: counts.size === 1 ? `${list.length} preheats ${WORD[list[0]!.kind][1]} on ${name}` : `${list.length} preheat problems on ${name}`,
        body: counts.size === 1 ? 'Open the failure log to see each one.' : `${parts.join(', ')}. Open the failure log to see each one.`,
        link: failuresLink(managerId),
        jobs: keys,
      });
      continue;
    }
    for (const e of list) {
      out.push({
        managerId,
        managerName: name,
        title: `Preheat #${e.jobId} ${WORD[e.kind][0]} on ${name}`,
        body: [e.description, e.reason].filter(Boolean).join(' — ') || 'No error text.',
        link: jobLink(e.managerId, e.jobId),
        jobs: [keys[list.indexOf(e)]!],
      });
    }
  }
  return out;
}

export type TrayState = 'ok' | 'running' | 'failures';

/** The tray icon: unseen failures first, then running preheats, else all well. */
export function trayState(s: { unseenFailures: number; pending: number; managersInError: number }): { state: TrayState; tooltip: string } {
  const extra = s.managersInError ? ` · ${s.managersInError} manager${s.managersInError === 1 ? '' : 's'} unreachable` : '';
  if (s.unseenFailures > 0) return { state: 'failures', tooltip: `Dragonfly Desk: ${s.unseenFailures} unseen preheat failure${s.unseenFailures === 1 ? '' : 's'}${extra}` };
  if (s.pending > 0) return { state: 'running', tooltip: `Dragonfly Desk: ${s.pending} preheat${s.pending === 1 ? '' : 's'} running${extra}` };
  return { state: 'ok', tooltip: `Dragonfly Desk: all well${extra}` };
}

/** Whether notifications are paused now. */
export const isPaused = (pausedUntil: string | null, now: number) => pausedUntil !== null && Date.parse(pausedUntil) > now;
