import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import helpers from './electron-binary.cjs';
import { applyCiSkipRule, notRun, readPlaywright, readVitest, summarize } from './lib/count-results.mjs';
import { provision } from './lib/provision.mjs';

/**
 * `npm test`: the build, lint and typecheck, and every runner (vitest: unit, component, integration,
 * contract; Playwright: browser end to end, the real manager, the Electron smoke spec). It first installs the system packages the runners
 * need (as root with apt-get) or names them, then runs inside a private D-Bus session with an unlocked
 * gnome-keyring so the keychain tests meet a real Secret Service. Ends with one line:
 * `N passed, N failed`, where a failed hook, a crashed runner and (in CI) any skip but the missing
 * Electron binary count as failed.
 */
const { root } = helpers;
const ci = !!process.env.CI;
const reports = join(root, '.reports');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!process.env.DESK_TEST_SESSION) {
  const blocked = provision();
  const env = { ...process.env, DESK_TEST_SESSION: '1', DESK_TEST_BLOCKED: JSON.stringify(blocked) };
  if (!blocked.keychain && has('dbus-run-session') && has('gnome-keyring-daemon')) {
    // A fresh keyring every run: a leftover one with another password would be locked.
    const data = mkdtempSync(join(tmpdir(), 'desk-keyring-data-'));
    const runtime = mkdtempSync(join(tmpdir(), 'desk-keyring-run-'));
    // The daemon once exited mid-run (cause unknown), and D-Bus then started a locked one that no
    // test could use; a watchdog starts it again, unlocked, on the same keyring, and says so.
    const unlock = 'printf %s desk-test | gnome-keyring-daemon --replace --unlock --components=secrets >/dev/null';
    const inner = [
      unlock,
      'keyring=$(pgrep -n -x gnome-keyring-d)',
      '( while kill -0 $$ 2>/dev/null; do',
      '    if ! kill -0 "$keyring" 2>/dev/null; then',
      '      echo "gnome-keyring-daemon (PID $keyring) exited mid-run; starting it again, unlocked" >&2',
      `      ${unlock}`,
      '      keyring=$(pgrep -n -x gnome-keyring-d)',
      '    fi',
      '    sleep 0.5',
      '  done ) &',
      `exec "${process.execPath}" "${join(root, 'scripts/test-all.mjs')}"`,
    ].join('\n');
    const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
      stdio: 'inherit',
      env: { ...env, XDG_DATA_HOME: data, XDG_RUNTIME_DIR: runtime },
    });
    rmSync(data, { recursive: true, force: true });
    rmSync(runtime, { recursive: true, force: true });
    process.exit(run.status ?? 1);
  }
  const run = spawnSync(process.execPath, [join(root, 'scripts/test-all.mjs')], { stdio: 'inherit', env });
  process.exit(run.status ?? 1);
}

const blocked = JSON.parse(process.env.DESK_TEST_BLOCKED ?? '{}');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const step = (title, cmd, args, env = {}) => {
  console.log(`\n=== ${title} ===`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
};

const results = [];
const build = step('build', process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
if (build !== 0) results.push({ runner: 'build', passed: 0, failed: 1, skipped: [], problems: ['electron-vite build failed'] });

// The layer rules (ESLint) and the types are checks like the tests: each counts as one.
for (const check of ['lint', 'typecheck']) {
  const code = step(check, 'npm', ['run', '--silent', check]);
  results.push({ runner: check, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: [], problems: code === 0 ? [] : [`npm run ${check} failed (its output is above)`] });
}

// The real Dragonfly manager and scheduler (scripts/real-stack) need root: MariaDB runs as `mysql`,
// and the stack may add an /etc/hosts entry.
const realStack = join(root, 'scripts/real-stack/real-stack.sh');
const realBlocked = blocked['real stack'] ?? (process.getuid?.() === 0 ? null : 'the real Dragonfly stack needs root (MariaDB runs as user mysql)');
let stackUp = false;
if (!realBlocked) {
  console.log('\n=== real Dragonfly stack: MariaDB, Redis, manager v2.5.1 (scheduler later, by the tests) ===');
  spawnSync('bash', [realStack, 'down'], { cwd: root, stdio: 'ignore' });
  const started = Date.now();
  const up = spawnSync('bash', [realStack, 'up', '--no-scheduler'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  stackUp = up.status === 0;
  console.log(stackUp ? `real stack up in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'real stack failed to start; its cases will fail');
  if (!stackUp) results.push({ runner: 'real stack', passed: 0, failed: 1, skipped: [], problems: ['scripts/real-stack/real-stack.sh up failed (its log is above)'] });
}

const vitest = (title, projects, report, env = {}) => {
  const args = ['run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, report)}`];
  return step(title, bin('vitest'), args, env);
};

try {
  const env = blocked.keychain ? { DESK_NO_KEYCHAIN: blocked.keychain } : {};
  const code = vitest('vitest: unit, component, integration, contract (simulator)', ['unit', 'component', 'integration', 'contract-sim'], 'vitest.json', env);
  results.push(readVitest(join(reports, 'vitest.json'), 'vitest', code));

  if (realBlocked) results.push(notRun('vitest contract-real', realBlocked, ci));
  else if (stackUp) {
    const real = vitest('vitest: contract (real manager)', ['contract-real'], 'vitest-real.json');
    results.push(readVitest(join(reports, 'vitest-real.json'), 'vitest contract-real', real));
  }

  if (blocked.browser) results.push(notRun('playwright', blocked.browser, ci));
  else if (build === 0) {
    const env = realBlocked ? { DESK_NO_REAL_STACK: realBlocked } : {};
    const pw = step('playwright: browser end to end, real manager, Electron smoke', bin('playwright'), ['test'], { ...env, DESK_PW_JSON: join(reports, 'playwright.json') });
    results.push(readPlaywright(join(reports, 'playwright.json'), pw));
  }
} finally {
  if (stackUp) spawnSync('bash', [realStack, 'down'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

const { lines, failed } = summarize(applyCiSkipRule(results, ci));
console.log('');
for (const line of lines) console.log(line);
process.exit(failed > 0 ? 1 : 0);
