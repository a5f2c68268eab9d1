import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import helpers from './electron-binary.cjs';
import processes from './lib/processes.cjs';

const { root } = helpers;
const { rpc, startSimulator, startWebApp } = processes;

/**
 * `npm run demo`: the manager simulator with three sample managers (password login, token login, one
 * cluster that cannot take preheats), and the app on the loopback web transport already connected
 * to them. The demo keeps its credentials in memory: they are the simulator's, not yours.
 */
const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const sim = await startSimulator('demo');
const app = await startWebApp({ secrets: 'memory' });
const stop = () => {
  app.child.kill('SIGTERM');
  sim.child.kill('SIGTERM');
};
process.on('SIGINT', () => {
  stop();
  process.exit(0);
});
process.on('SIGTERM', stop);

for (const m of sim.info.managers) {
  const res = await rpc(app.info, 'managers.add', { name: m.name, baseUrl: m.url, auth: m.auth });
  if (!res.ok) console.error(`Could not add ${m.name}: ${res.message}`);
}
console.log(`Dragonfly Desk demo: ${sim.info.managers.length} simulated managers (${sim.info.managers.map((m) => m.name).join(', ')}).`);
console.log(`  simulator control API: ${sim.info.controlUrl}`);
console.log(`  data (temporary): ${app.info.dataDir}; demo credentials stay in memory`);
console.log(`  open: ${app.info.launchUrl}`);
console.log('Press Ctrl-C to stop.');
app.child.on('exit', () => process.exit(0));
