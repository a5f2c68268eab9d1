import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helpers from './electron-binary.cjs';

const { electronBinary, electronDir } = helpers;

// electron's own download script is disabled in package.json (allowScripts) so that a machine that
// cannot reach the download site still installs. Try the download here, and say in one line how it went.
if (electronBinary().path) {
  console.log('Electron binary present: npm start opens the desktop app.');
} else if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Electron binary not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set): npm start will serve the app on the loopback web transport.');
} else if (existsSync(join(electronDir, 'install.js'))) {
  const run = spawnSync(process.execPath, ['install.js'], { cwd: electronDir, encoding: 'utf8', timeout: 300_000 });
  if (electronBinary().path) {
    console.log('Electron binary downloaded: npm start opens the desktop app.');
  } else {
    const text = `${run.stderr ?? ''}${run.stdout ?? ''}${run.error ? run.error.message : ''}`;
    const reason = /(getaddrinfo \w+ [^\s]+|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|[0-9]{3} [A-Z][a-z]+)/.exec(text)?.[0] ?? 'download failed';
    console.log(`Electron's binary could not be downloaded (${reason}): npm install succeeded, and npm start will serve the app on the loopback web transport instead.`);
  }
}
