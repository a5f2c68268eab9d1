import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../../shared/models';
import { trayModel } from './tray-model';

const note = (i: number, seen = false): AppNotification => ({
  id: `n${i}`,
  at: '2026-11-26T12:00:00Z',
  managerId: 'm1',
  managerName: 'prod-eu',
  title: `Preheat #${i} failed on prod-eu`,
  body: '',
  link: `dragonfly-desk://manager/m1/job/${i}`,
  seen,
});
const NOW = Date.parse('2026-11-26T12:00:00Z');

describe('tray', () => {
  it('lists the last five failures, each opening its job, then pause and quit', () => {
    const m = trayModel({ unseen: 6, pending: 0, managersInError: 0, latest: [1, 2, 3, 4, 5, 6].map((i) => note(i, i > 3)), pausedUntil: null }, NOW);
    expect(m.state).toBe('failures');
    expect(m.items.map((i) => i.label)).toEqual([
      'Open Dragonfly Desk',
      '',
      '● Preheat #1 failed on prod-eu',
      '● Preheat #2 failed on prod-eu',
      '● Preheat #3 failed on prod-eu',
      'Preheat #4 failed on prod-eu',
      'Preheat #5 failed on prod-eu',
      '',
      'Pause notifications for 1 hour',
      'Quit',
    ]);
    expect(m.items[2]!.action).toEqual({ kind: 'link', link: 'dragonfly-desk://manager/m1/job/1' });
  });

  it('shows running preheats, and a resume item while paused', () => {
    const m = trayModel({ unseen: 0, pending: 3, managersInError: 0, latest: [], pausedUntil: '2026-11-26T13:00:00Z' }, NOW);
    expect(m.state).toBe('running');
    expect(m.tooltip).toBe('Dragonfly Desk: 3 preheats running · notifications paused');
    expect(m.items.find((i) => i.action?.kind === 'pause')?.action).toEqual({ kind: 'pause', minutes: 0 });
    expect(m.items[2]).toEqual({ label: 'No preheat failures', enabled: false });
  });
});
