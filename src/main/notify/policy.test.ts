import { describe, expect, it } from 'vitest';
import { isPaused, planNotifications, trayState, type WatchEvent } from './policy';

const ev = (jobId: number, kind: WatchEvent['kind'] = 'failed', managerId = 'm1', managerName = 'prod-eu'): WatchEvent => ({
  managerId,
  managerName,
  jobId,
  kind,
  description: `job ${jobId}`,
  reason: 'cluster 1 scheduler 10.0.0.1 no available seed peer',
});
const none = { notifyPartial: true, notified: () => false };

describe('what notifies', () => {
  it('one notification per problem, linking to the job', () => {
    expect(planNotifications([ev(42)], none)).toEqual([
      {
        managerId: 'm1',
        managerName: 'prod-eu',
        title: 'Preheat #42 failed on prod-eu',
        body: 'job 42 — cluster 1 scheduler 10.0.0.1 no available seed peer',
        link: 'dragonfly-desk://manager/m1/job/42',
        jobs: ['m1:42:failed'],
      },
    ]);
  });

  it('timed out, stuck and vanished jobs notify in their own words', () => {
    expect(planNotifications([ev(1, 'timed_out'), ev(2, 'stuck'), ev(3, 'gone')], none).map((n) => n.title)).toEqual([
      'Preheat #1 timed out on prod-eu',
      'Preheat #2 is stuck on prod-eu',
      'Preheat #3 vanished while pending on prod-eu',
    ]);
  });

  it('a SUCCESS no peer confirmed notifies in its own words, even with partial notifications off', () => {
    expect(planNotifications([ev(6, 'unconfirmed')], { ...none, notifyPartial: false }).map((n) => n.title)).toEqual(['Preheat #6 was confirmed by no peer on prod-eu']);
    expect(planNotifications([1, 2, 3, 4].map((id) => ev(id, 'unconfirmed')), none).map((n) => n.title)).toEqual(['4 preheats were confirmed by no peer on prod-eu']);
  });

  it('partial successes notify unless turned off', () => {
    expect(planNotifications([ev(5, 'partial')], none)).toHaveLength(1);
    expect(planNotifications([ev(5, 'partial')], { ...none, notifyPartial: false })).toHaveLength(0);
  });

  it('sums a burst up per manager instead of flooding', () => {
    const burst = [1, 2, 3, 4, 5, 6, 7].map((id) => ev(id));
    const plan = planNotifications([...burst, ev(9, 'failed', 'm2', 'prod-us')], none);
    expect(plan.map((n) => [n.title, n.link])).toEqual([
      ['7 preheats failed on prod-eu', 'dragonfly-desk://failures?manager=m1'],
      ['Preheat #9 failed on prod-us', 'dragonfly-desk://manager/m2/job/9'],
    ]);
    expect(plan[0]!.jobs).toHaveLength(7);
    const mixed = planNotifications([ev(1), ev(2), ev(3, 'timed_out'), ev(4, 'stuck')], none);
    expect(mixed[0]).toMatchObject({ title: '4 preheat problems on prod-eu', body: '2 failed, 1 timed out, 1 are stuck. Open the failure log to see each one.' });
  });

  it('never twice for the same job and kind', () => {
    const seen = new Set(['m1:42:failed']);
    expect(planNotifications([ev(42), ev(43)], { ...none, notified: (k) => seen.has(k) }).map((n) => n.title)).toEqual(['Preheat #43 failed on prod-eu']);
  });
});

describe('tray and pause', () => {
  it('unseen failures win over running preheats, which win over all well', () => {
    expect(trayState({ unseenFailures: 2, pending: 5, managersInError: 0 })).toEqual({ state: 'failures', tooltip: 'Dragonfly Desk: 2 unseen preheat failures' });
    expect(trayState({ unseenFailures: 0, pending: 1, managersInError: 1 })).toEqual({ state: 'running', tooltip: 'Dragonfly Desk: 1 preheat running · 1 manager unreachable' });
    expect(trayState({ unseenFailures: 0, pending: 0, managersInError: 0 }).state).toBe('ok');
  });

  it('pauses until the given time', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(isPaused('2026-11-26T12:30:00Z', now)).toBe(true);
    expect(isPaused('2026-11-26T11:30:00Z', now)).toBe(false);
    expect(isPaused(null, now)).toBe(false);
  });
});
