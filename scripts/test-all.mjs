import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import helpers from './electron-binary.cjs';

/**
 * `npm test`: every runner (vitest: unit, component, integration; Playwright: browser end to end and
 * the Electron smoke spec), inside a private D-Bus session with an unlocked gnome-keyring so the
 * keychain tests meet a real Secret Service. Ends with one line: `N passed, N failed`.
 */
const { root } = helpers;
const reports = join(root, '.reports');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!process.env.DESK_TEST_SESSION) {
  if (has('dbus-run-session') && has('gnome-keyring-daemon')) {
    // A fresh keyring every run: a leftover one with another password would be locked.
    const data = mkdtempSync(join(tmpdir(), 'desk-keyring-data-'));
    const runtime = mkdtempSync(join(tmpdir(), 'desk-keyring-run-'));
    const inner = `printf %s desk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "${process.execPath}" "${join(root, 'scripts/test-all.mjs')}"`;
    const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
      stdio: 'inherit',
      env: { ...process.env, DESK_TEST_SESSION: '1', XDG_DATA_HOME: data, XDG_RUNTIME_DIR: runtime },
    });
    rmSync(data, { recursive: true, force: true });
    rmSync(runtime, { recursive: true, force: true });
    process.exit(run.status ?? 1);
  }
  console.log('No dbus-run-session or gnome-keyring-daemon here: the keychain tests will fail. `.ci/run` installs them (dbus, gnome-keyring, libsecret-tools).');
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const step = (title, cmd, args, env = {}) => {
  console.log(`\n=== ${title} ===`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status;
};

const results = [];
const build = step('build', process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
if (build !== 0) results.push({ runner: 'build', passed: 0, failed: 1, skipped: [] });

// The real Dragonfly manager and scheduler (scripts/real-stack) need root: apt, MariaDB running as
// `mysql`, an /etc/hosts entry. CI runs as root; elsewhere the real-stack cases say why they skip.
const realStack = join(root, 'scripts/real-stack/real-stack.sh');
const mustRunReal = !!process.env.CI || process.getuid?.() === 0;
let stackUp = false;
if (mustRunReal) {
  console.log('\n=== real Dragonfly stack: MariaDB, Redis, manager v2.5.1 (scheduler later, by the tests) ===');
  spawnSync('bash', [realStack, 'down'], { cwd: root, stdio: 'ignore' });
  const started = Date.now();
  const up = spawnSync('bash', [realStack, 'up', '--no-scheduler'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  stackUp = up.status === 0;
  console.log(stackUp ? `real stack up in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'real stack failed to start; its cases will fail');
  if (!stackUp) results.push({ runner: 'real stack', passed: 0, failed: 1, skipped: [] });
} else {
  console.log('\nNot root and not CI: the real Dragonfly stack is not started; its cases report themselves skipped.');
}

try {
  const sims = ['unit', 'component', 'integration', 'contract-sim'].flatMap((p) => ['--project', p]);
  step('vitest: unit, component, integration, contract (simulator)', bin('vitest'), ['run', ...sims, '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`]);
  results.push(readVitest(join(reports, 'vitest.json'), 'vitest'));

  if (mustRunReal) {
    step('vitest: contract (real manager)', bin('vitest'), ['run', '--project', 'contract-real', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest-real.json')}`]);
    results.push(readVitest(join(reports, 'vitest-real.json'), 'vitest contract-real'));
  } else {
    results.push({ runner: 'vitest contract-real', passed: 0, failed: 0, skipped: ['the contract suite against the real manager (needs root to start scripts/real-stack)'] });
  }

  if (build === 0) {
    step('playwright: browser end to end, real manager, Electron smoke', bin('playwright'), ['test'], { DESK_PW_JSON: join(reports, 'playwright.json') });
    results.push(readPlaywright(join(reports, 'playwright.json')));
  }
} finally {
  if (stackUp) spawnSync('bash', [realStack, 'down'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log('');
for (const r of results) console.log(`${r.runner}: ${r.passed} passed, ${r.failed} failed${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}`);
for (const r of results) for (const s of r.skipped) console.log(`  skipped: ${s}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function readVitest(file, runner) {
  if (!existsSync(file)) return { runner, passed: 0, failed: 1, skipped: [`${runner} wrote no report: it crashed`] };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = r.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'skipped' || a.status === 'pending').map((a) => a.fullName));
  // A file that fails to load has no assertions but counts as a failure.
  const broken = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  return { runner, passed: r.numPassedTests, failed: r.numFailedTests + broken, skipped };
}

function readPlaywright(file) {
  if (!existsSync(file)) return { runner: 'playwright', passed: 0, failed: 1, skipped: ['playwright wrote no report: it crashed'] };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === 'skipped') {
          const why = t.annotations?.find((a) => a.type === 'skip')?.description;
          skipped.push(`${spec.title}${why ? ` (${why})` : ''}`);
        }
      }
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of r.suites) walk(s);
  const errors = r.errors?.length ?? 0;
  return { runner: 'playwright', passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + errors, skipped };
}
