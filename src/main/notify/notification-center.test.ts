import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../shared/models';
import { DEFAULT_SETTINGS } from '../settings/settings-store';
import { NotificationCenter } from './notification-center';
import type { WatchEvent } from './policy';
import { runTrayAction } from './tray-actions';

const T0 = Date.parse('2026-11-30T12:00:00Z');

function center() {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let now = T0;
  const delivered: string[] = [];
  const names: Record<string, string> = { eu: 'prod-eu', us: 'prod-us' };
  const c = new NotificationCenter({
    dataDir: mkdtempSync(join(tmpdir(), 'desk-center-')),
    settings: { get: () => settings, update: async (patch) => (settings = { ...settings, ...patch }) },
    managerName: (id) => names[id] ?? null,
    now: () => now,
    deliver: (n) => void delivered.push(n.title),
    changed: () => undefined,
  });
  const fail = (managerId: string, jobId: number): WatchEvent => ({ managerId, managerName: names[managerId]!, jobId, kind: 'failed', description: '', reason: 'x' });
  return { c, delivered, fail, names, advance: (ms: number) => (now += ms), settings: () => settings };
}

describe('muting a manager', () => {
  it('keeps its notifications off the desktop but under the bell, until the time passes; others still notify', async () => {
    const { c, delivered, fail, advance } = center();
    const view = await c.mute('eu', new Date(T0 + 3600_000).toISOString());
    expect(view.mutes).toEqual([{ managerId: 'eu', managerName: 'prod-eu', until: '2026-11-30T13:00:00.000Z' }]);
    await c.handle([fail('eu', 1), fail('us', 2)]);
    expect(delivered).toEqual(['Preheat #2 failed on prod-us']);
    expect(c.view().items.map((i) => i.title)).toEqual(['Preheat #2 failed on prod-us', 'Preheat #1 failed on prod-eu']);
    advance(3600_001);
    expect(c.view().mutes).toEqual([]);
    await c.handle([fail('eu', 3)]);
    expect(delivered).toEqual(['Preheat #2 failed on prod-us', 'Preheat #3 failed on prod-eu']);
  });

  it('mutes until unmuted; a removed manager’s mute goes with it; a time in the past is refused', async () => {
    const { c, delivered, fail, names, settings } = center();
    await c.mute('us', null);
    await c.handle([fail('us', 1)]);
    expect(delivered).toEqual([]);
    await c.unmute('us');
    await c.handle([fail('us', 2)]);
    expect(delivered).toEqual(['Preheat #2 failed on prod-us']);

    await c.mute('eu', null);
    delete names.eu;
    expect(c.view().mutes).toEqual([]);
    await c.mute('us', null);
    expect(settings().mutedManagers).toEqual({ us: null });

    await expect(c.mute('us', new Date(T0 - 1).toISOString())).rejects.toThrow('Muted until must be in the future');
    await expect(c.mute('nope', null)).rejects.toThrow('No manager with id nope is configured');
  });

  it('is what the tray’s mute items do', async () => {
    const { c, delivered, fail } = center();
    const shell = { open: () => undefined, link: () => undefined, quit: () => undefined };
    await runTrayAction({ kind: 'mute', managerId: 'eu', minutes: 60 }, { notifications: c, shell, now: () => T0 });
    expect(c.view().mutes).toEqual([{ managerId: 'eu', managerName: 'prod-eu', until: '2026-11-30T13:00:00.000Z' }]);
    await c.handle([fail('eu', 1)]);
    await runTrayAction({ kind: 'unmute', managerId: 'eu' }, { notifications: c, shell, now: () => T0 });
    await c.handle([fail('eu', 2)]);
    expect(delivered).toEqual(['Preheat #2 failed on prod-eu']);
  });
});
