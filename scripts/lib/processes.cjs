const { spawn } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { createInterface } = require('node:readline');
const { root } = require('../electron-binary.cjs');
const { backendEnv } = require('./backend-env.cjs');

/**
 * Start a process that prints JSON lines as it gets ready; resolve with the child and its first `lines`
 * lines merged into one object, plus `next`: the line after those (pending while there is none).
 */
function spawnJson(cmd, args, opts = {}, lines = 1) {
  return new Promise((resolve, reject) => {
    // stdin stays open as a lifeline: the child exits when this process goes away.
    const child = spawn(cmd, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], ...opts });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${args.join(' ')} did not start within 60 s: ${stderr}`));
    }, 60_000);
    const got = [];
    let nextLine;
    const next = new Promise((r) => (nextLine = r));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let value;
      try {
        value = JSON.parse(line);
      } catch {
        clearTimeout(timer);
        return reject(new Error(`${args.join(' ')} printed ${line}`));
      }
      got.push(value);
      if (got.length === lines) {
        clearTimeout(timer);
        resolve({ child, info: Object.assign({}, ...got), next });
      } else if (got.length === lines + 1) nextLine(value);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}

/** The simulator with a scenario, in its own process. */
function startSimulator(scenario = 'demo') {
  return spawnJson(process.execPath, ['--import', 'tsx', join(root, 'tools/manager-sim/cli.ts'), '--scenario', scenario, '--json', '--exit-with-parent']);
}

/**
 * The built back end on the web transport, with its own data directory. It prints a line when it
 * listens and another when its services are up; this resolves after both unless `untilReady` is false,
 * and then `next` is the second line.
 */
function startWebApp({ secrets = 'memory', dataDir = mkdtempSync(join(tmpdir(), 'desk-')), extra = [], env = process.env, untilReady = true } = {}) {
  const secretArgs = secrets ? ['--secrets', secrets] : [];
  return spawnJson(process.execPath, [join(root, 'out/main/web.js'), '--json', '--exit-with-parent', ...secretArgs, '--data-dir', dataDir, ...extra], { env: backendEnv(env) }, untilReady ? 2 : 1);
}

/** Another one-time link into the app: each browser (context) needs its own. */
async function launchUrl(info) {
  const res = await fetch(`${info.url}launch`, { method: 'POST', headers: { 'x-desk-token': info.token } });
  if (!res.ok) throw new Error(`could not get a launch link: HTTP ${res.status}`);
  return (await res.json()).launchUrl;
}

/** Call the back end the way the UI does, with the run's token. */
async function rpc(info, name, input = {}) {
  const res = await fetch(`${info.url}rpc/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-token': info.token },
    body: JSON.stringify(input),
  });
  return res.json();
}

module.exports = { spawnJson, startSimulator, startWebApp, rpc, launchUrl };
