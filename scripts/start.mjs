import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import helpers from './electron-binary.cjs';
import { backendEnv } from './lib/backend-env.cjs';

const { electronBinary, root } = helpers;

/**
 * `npm start`: build, then open the desktop app where Electron's binary exists; otherwise say why and
 * serve the same app on the loopback web transport. `npm run web` always takes the web transport.
 * Arguments after `--` go to the web server (e.g. `npm run web -- --port 8470`).
 */
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  console.error('The build failed; see the errors above.');
  process.exit(build.status ?? 1);
}

const electron = electronBinary();
let child;
if (!webOnly && electron.path) {
  child = spawn(electron.path, [root, ...passThrough], { cwd: root, stdio: 'inherit', env: backendEnv() });
} else {
  if (!webOnly) console.log(`Not opening the desktop app: ${electron.reason}. Serving the same app on the loopback web transport instead.`);
  child = spawn(process.execPath, [join(root, 'out/main/web.js'), ...passThrough], { cwd: root, stdio: 'inherit', env: backendEnv() });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
