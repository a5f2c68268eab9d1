import { mkdir, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../storage/atomic-file';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * "Start at login" on Linux, where Electron's app.setLoginItemSettings does nothing: an XDG autostart
 * entry (`~/.config/autostart/<name>.desktop`, or under $XDG_CONFIG_HOME), which GNOME, KDE, Xfce and
 * the other freedesktop sessions start at login. Plain Node, so it is unit-tested.
 */
export interface AutostartTarget {
  /** The .desktop file name, e.g. `dragonfly-desk.desktop`. */
  desktopName: string;
  appName: string;
  /** The program the session starts, and its arguments. */
  command: string[];
  env?: NodeJS.ProcessEnv;
}

export function autostartPath(desktopName: string, env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(configHome, 'autostart', desktopName);
}

/** One Exec argument, quoted as the Desktop Entry spec wants when it holds a reserved character. */
export function quoteExecArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg.replaceAll('%', '%%');
  // Quoting escapes " ` $ \ with a backslash; the file's string escaping then doubles every backslash.
  const quoted = `"${arg.replace(/(["`$\\])/g, '\\$1').replaceAll('%', '%%')}"`;
  return quoted.replaceAll('\\', '\\\\');
}

export function autostartEntry(target: AutostartTarget): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${target.appName}`,
    `Exec=${target.command.map(quoteExecArg).join(' ')}`,
    `Icon=${target.desktopName.replace(/\.desktop$/, '')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Write the entry (enabled) or remove it (disabled). Rewritten at every start, so an update's new path is taken. */
export async function setAutostart(enabled: boolean, target: AutostartTarget): Promise<void> {
  const file = autostartPath(target.desktopName, target.env);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(join(file, '..'), { recursive: true });
  // Whole or not at all: the session (or anyone) reading the entry mid-write would see it empty.
  await writeFileAtomic(file, autostartEntry(target), 0o644);
}
