import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartEntry, autostartPath, quoteExecArg, setAutostart } from './autostart';

const target = (env: NodeJS.ProcessEnv, program = '/opt/Dragonfly Desk/dragonfly-desk') => ({
  desktopName: 'dragonfly-desk.desktop',
  appName: 'Dragonfly Desk',
  command: [program, '--hidden'],
  env,
});

describe('start at login on Linux: the XDG autostart entry', () => {
  it('goes to $XDG_CONFIG_HOME/autostart, or ~/.config/autostart when it is unset or not absolute', () => {
    expect(autostartPath('dragonfly-desk.desktop', { XDG_CONFIG_HOME: '/cfg', HOME: '/home/op' })).toBe('/cfg/autostart/dragonfly-desk.desktop');
    expect(autostartPath('dragonfly-desk.desktop', { HOME: '/home/op' })).toBe('/home/op/.config/autostart/dragonfly-desk.desktop');
    expect(autostartPath('dragonfly-desk.desktop', { XDG_CONFIG_HOME: 'relative', HOME: '/home/op' })).toBe('/home/op/.config/autostart/dragonfly-desk.desktop');
  });

  it('quotes the program the way the Desktop Entry spec reads it back', () => {
    expect(quoteExecArg('/usr/bin/dragonfly-desk')).toBe('/usr/bin/dragonfly-desk');
    expect(quoteExecArg('/opt/Dragonfly Desk/dragonfly-desk')).toBe('"/opt/Dragonfly Desk/dragonfly-desk"');
    expect(quoteExecArg('/home/a$b/"x"/app')).toBe('"/home/a\\\\$b/\\\\"x\\\\"/app"');
    expect(quoteExecArg('/apps/100%/x')).toBe('/apps/100%%/x');
  });

  it('starts the installed program hidden in the tray', () => {
    const entry = autostartEntry(target({}));
    expect(entry.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Name=Dragonfly Desk',
      'Exec="/opt/Dragonfly Desk/dragonfly-desk" --hidden',
      'Icon=dragonfly-desk',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
  });

  it('writes the entry when turned on (creating the folder), rewrites it with a new path, and removes it when turned off', async () => {
    const home = mkdtempSync(join(tmpdir(), 'desk-autostart-'));
    const env = { HOME: home };
    const file = join(home, '.config/autostart/dragonfly-desk.desktop');
    await setAutostart(true, target(env));
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Dragonfly Desk/dragonfly-desk" --hidden');
    await setAutostart(true, target(env, '/home/op/Apps/Dragonfly-Desk.AppImage'));
    expect(readFileSync(file, 'utf8')).toContain('Exec=/home/op/Apps/Dragonfly-Desk.AppImage --hidden');
    await setAutostart(false, target(env));
    expect(existsSync(file)).toBe(false);
    await setAutostart(false, target(env));
    expect(existsSync(file)).toBe(false);
  });
});
