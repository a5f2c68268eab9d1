import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'dragonfly-desk';

/** Where the web transport keeps its files by default: the same folder Electron uses for userData on Linux. */
export function defaultDataDir(): string {
  const base =
    process.platform === 'darwin'
      ? join(homedir(), 'Library', 'Application Support')
      : process.platform === 'win32'
        ? (process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
        : (process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(base, APP_DIR_NAME);
}
