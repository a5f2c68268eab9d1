import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

/**
 * The system packages each test runner needs (Debian names). `npm test` installs what is missing where
 * it may (root with apt-get); elsewhere it names the packages and the command, and the runners that
 * need them fail in CI or report themselves skipped outside it.
 */
export const RUNNER_PACKAGES = {
  keychain: ['dbus', 'gnome-keyring', 'libsecret-tools', 'procps'],
  browser: ['chromium', 'fonts-liberation'],
  'real stack': ['mariadb-server', 'mariadb-client', 'redis-server', 'redis-tools', 'jq', 'curl', 'procps', 'util-linux', 'iproute2', 'python3', 'docker-registry'],
  'seed peer build': ['protobuf-compiler', 'libprotobuf-dev', 'libclang-dev', 'pkg-config', 'libssl-dev', 'g++', 'make'],
  // dpkg-deb packs the .deb, desktop-file-utils validates and registers its .desktop entry, xdg-utils
  // answers for the scheme handler, makensis compiles the Windows installer's include; the rest are the
  // .deb's own Depends, so `dpkg -i` can configure it.
  packaging: ['dpkg-dev', 'fakeroot', 'desktop-file-utils', 'xdg-utils', 'nsis', 'libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'],
};

const installed = (pkg) => spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') ?? false;
const hasApt = () => spawnSync('sh', ['-c', 'command -v apt-get && command -v dpkg-query'], { stdio: 'ignore' }).status === 0;

/**
 * Install every missing package, or explain what is missing. Returns, per runner, null when it can run
 * or the reason it cannot.
 */
export function provision({ log = console.log } = {}) {
  const runners = Object.keys(RUNNER_PACKAGES);
  if (!hasApt()) {
    const reason = 'this is not a Debian-like system (no apt-get/dpkg-query): install the equivalents of ' + Object.values(RUNNER_PACKAGES).flat().join(' ');
    log(`System packages: ${reason}.`);
    return Object.fromEntries(runners.map((r) => [r, reason]));
  }
  const missing = [...new Set(Object.values(RUNNER_PACKAGES).flat())].filter((p) => !installed(p));
  if (missing.length === 0) return Object.fromEntries(runners.map((r) => [r, null]));
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    log(`Missing system packages: ${missing.join(' ')}. Install them with: sudo ${command}`);
    return Object.fromEntries(
      runners.map((r) => {
        const lacking = RUNNER_PACKAGES[r].filter((p) => missing.includes(p));
        return [r, lacking.length ? `missing system packages ${lacking.join(' ')} (sudo apt-get install -y ${lacking.join(' ')})` : null];
      }),
    );
  }
  const started = Date.now();
  const result = aptInstall(missing);
  const still = missing.filter((p) => !installed(p));
  if (still.length === 0) {
    log(`Installed ${missing.length} system packages for the test runners in ${((Date.now() - started) / 1000).toFixed(0)} s: ${missing.join(' ')}`);
  } else {
    log(`apt-get could not install ${still.join(' ')}: ${result.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return Object.fromEntries(
    runners.map((r) => {
      const lacking = RUNNER_PACKAGES[r].filter((p) => still.includes(p));
      return [r, lacking.length ? `apt-get could not install ${lacking.join(' ')}` : null];
    }),
  );
}

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Keep apt from starting the distribution's own MariaDB and Redis services: the tests start their
  // own on other ports, and nothing should keep running after them.
  const policy = '/usr/sbin/policy-rc.d';
  const addedPolicy = !existsSync(policy);
  if (addedPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const opts = { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] };
    const update = spawnSync('apt-get', ['update', '-qq'], opts);
    const install = spawnSync(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold', ...packages],
      opts,
    );
    return `${update.stderr}${install.stdout}${install.stderr}`;
  } finally {
    if (addedPolicy) rmSync(policy, { force: true });
  }
}
