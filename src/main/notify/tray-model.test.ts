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
const base = { unseen: 0, pending: 0, managersInError: 0, latest: [], pausedUntil: null, managers: [{ id: 'm1', name: 'prod-eu' }, { id: 'm2', name: 'prod-us' }], mutes: [] };

describe('tray', () => {
  it('opens the window, the failure log and Settings, lists the last five failures, each opening its job, then pause, mute and quit', () => {
    const m = trayModel({ ...base, unseen: 6, latest: [1, 2, 3, 4, 5, 6].map((i) => note(i, i > 3)) }, NOW);
    expect(m.state).toBe('failures');
    expect(m.items.map((i) => i.label)).toEqual([
      'Open Dragonfly Desk',
      'Failure log',
      'Settings',
      '',
      '● Preheat #1 failed on prod-eu',
      '● Preheat #2 failed on prod-eu',
      '● Preheat #3 failed on prod-eu',
      'Preheat #4 failed on prod-eu',
      'Preheat #5 failed on prod-eu',
      '',
      'Pause notifications for 1 hour',
      'Mute a manager',
      '',
      'Quit',
    ]);
    expect(m.items[1]!.action).toEqual({ kind: 'link', link: 'dragonfly-desk://failures' });
    expect(m.items[2]!.action).toEqual({ kind: 'link', link: 'dragonfly-desk://settings' });
    expect(m.items[4]!.action).toEqual({ kind: 'link', link: 'dragonfly-desk://manager/m1/job/1' });
  });

  it('shows running preheats, and a resume item while paused', () => {
    const m = trayModel({ ...base, pending: 3, pausedUntil: '2026-11-26T13:00:00Z' }, NOW);
    expect(m.state).toBe('running');
    expect(m.tooltip).toBe('Dragonfly Desk: 3 preheats running · notifications paused');
    expect(m.items.find((i) => i.action?.kind === 'pause')?.action).toEqual({ kind: 'pause', minutes: 0 });
    expect(m.items[4]).toEqual({ label: 'No preheat failures', enabled: false });
  });

  it('mutes each manager for a while or until unmuted, and unmutes a muted one', () => {
    const m = trayModel({ ...base, mutes: [{ managerId: 'm2', managerName: 'prod-us', until: null }] }, NOW);
    const menu = m.items.find((i) => i.label === 'Mute a manager')!.submenu!;
    expect(menu.map((i) => i.label)).toEqual(['prod-eu', 'Unmute prod-us (muted until unmuted)']);
    expect(menu[0]!.submenu!.map((i) => [i.label, i.action])).toEqual([
      ['For 1 hour', { kind: 'mute', managerId: 'm1', minutes: 60 }],
      ['For 8 hours', { kind: 'mute', managerId: 'm1', minutes: 480 }],
      ['Until I unmute it', { kind: 'mute', managerId: 'm1', minutes: null }],
    ]);
    expect(menu[1]!.action).toEqual({ kind: 'unmute', managerId: 'm2' });
    expect(m.tooltip).toBe('Dragonfly Desk: all well · 1 manager muted');
    expect(trayModel({ ...base, managers: [] }, NOW).items.find((i) => i.label === 'Mute a manager')).toEqual({ label: 'Mute a manager', enabled: false });
  });
});
