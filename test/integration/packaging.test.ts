import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINUX_SIZES, writeIcons } from '../../scripts/packaging/icons.mjs';

/**
 * The packaging, checked on a machine that cannot download Electron or fpm: electron-builder packs the
 * built app (out/) against a stand-in Electron distribution made here, with the real configuration,
 * into the linux-unpacked folder and a .deb (packed by scripts/packaging/fpm-deb.mjs through
 * CUSTOM_FPM_PATH). Then, as root, the .deb is installed with dpkg, checked as the desktop sees it,
 * and removed.
 */
const root = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; productName: string; desktopName: string };
const config = createRequire(import.meta.url)(join(root, 'electron-builder.config.cjs'));
const SCHEME = 'dragonfly-desk';
const INSTALL_DIR = `/opt/${pkg.productName}`;
const DESKTOP_FILE = `/usr/share/applications/${pkg.desktopName}`;
const isRoot = process.getuid?.() === 0;
const canDeb = spawnSync('sh', ['-c', 'command -v dpkg-deb'], { stdio: 'ignore' }).status === 0;
const NO_DEB = 'dpkg-deb is not installed (sudo apt-get install dpkg-dev; npm test installs it as root)';
const sh = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

let work: string;
let outDir: string;
let unpacked: string;
let asarPath: string;
let deb: string;
let entries: string[];
/** Set once this run's dpkg -i succeeded, so cleanup never removes a package it did not install. */
let installedHere = false;

/** The smallest Electron distribution electron-builder accepts: the executable it renames, and its files. */
function standInElectron(dir: string) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in for Electron $(cat "$(dirname "$0")/version")"\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), '');
  writeFileSync(join(dir, 'version'), JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in\n');
  return dir;
}

/** Every package the built main process loads from node_modules (bare specifiers of `require`, `import()` and `createRequire(__filename)`). */
function mainRuntimePackages(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir, { withFileTypes: true })) {
      if (f.isDirectory()) walk(join(dir, f.name));
      else if (f.name.endsWith('.js')) {
        for (const m of readFileSync(join(dir, f.name), 'utf8').matchAll(/(?:require|import|createRequire\)\(__filename\))\(\s*["']([^"'./][^"']*)["']\s*\)/g)) found.add(m[1]!);
      }
    }
  };
  walk(join(root, 'out/main'));
  return [...found]
    .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && s !== 'electron')
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!));
}

const dpkgInstalled = () => sh('dpkg-query', ['-W', '-f=${Status}', pkg.name]).stdout.includes('install ok installed');

beforeAll(() => {
  for (const f of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: build first (npm run build; npm test does)`);
  }
  writeIcons(join(root, 'resources/icon.svg'), join(root, 'build/icons'));
  work = mkdtempSync(join(tmpdir(), 'desk-package-'));
  outDir = join(work, 'dist');
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--config',
      'electron-builder.config.cjs',
      `-c.electronDist=${standInElectron(join(work, 'electron-dist'))}`,
      `-c.directories.output=${outDir}`,
      '--linux',
      // The deb target also leaves linux-unpacked; without dpkg-deb, that folder alone (the dir target).
      canDeb ? 'deb' : 'dir',
      '--publish',
      'never',
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CUSTOM_FPM_PATH: join(root, 'scripts/packaging/fpm-deb.mjs') } },
  );
  if (run.status !== 0) throw new Error(`electron-builder failed (${run.status}):\n${`${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-25).join('\n')}`);
  unpacked = join(outDir, 'linux-unpacked');
  asarPath = join(unpacked, 'resources/app.asar');
  deb = join(outDir, `${pkg.name}_${pkg.version}_amd64.deb`);
  entries = listPackage(asarPath, { isPack: false }).map((e) => e.replaceAll('\\', '/'));
  const mib = (f: string) => (statSync(f).size / 1024 / 1024).toFixed(1);
  console.log(`packaged: app.asar ${mib(asarPath)} MiB${canDeb ? `, ${deb.split('/').pop()} ${mib(deb)} MiB` : ''} (with a stand-in Electron)`);
}, 600_000);

afterAll(() => {
  // --purge also drops the record dpkg -r keeps of a removed package (its post-remove script).
  if (installedHere) sh('dpkg', ['--purge', pkg.name]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packaged app (electron-builder, linux, against a stand-in Electron)', () => {
  it('holds the built main process, preload and renderer, and package.json with the app identity', () => {
    for (const f of ['/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html']) expect(entries).toContain(f);
    expect(entries.some((e) => e.startsWith('/out/renderer/assets/') && e.endsWith('.js'))).toBe(true);
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString());
    expect(manifest).toMatchObject({ name: pkg.name, productName: 'Dragonfly Desk', version: pkg.version, main: 'out/main/index.js', desktopName: 'dragonfly-desk.desktop' });
    expect(existsSync(join(unpacked, 'dragonfly-desk'))).toBe(true);
  });

  it('leaves out the development tree: no sources, tests, e2e, bench, tools, scripts, maps or bundled packages', () => {
    const top = new Set(entries.map((e) => e.split('/')[1]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const dev = entries.filter((e) => /\.(map|tsx?|mts|cts)$/.test(e) || /\.test\.|\/(src|test|e2e|bench|tools|scripts)\//.test(e.replace(/^\/node_modules\/.*/, '')));
    expect(dev).toEqual([]);
    expect(entries.filter((e) => /\.map$/.test(e))).toEqual([]);
    // Bundled into out/renderer and out/main: shipping them again would only add weight.
    for (const p of ['react', 'react-dom', '@mantine', '@tabler', 'recharts', 'zustand', 'undici', 'ws', 'yaml', 'zod']) expect(entries).not.toContain(`/node_modules/${p}`);
  });

  it('carries every package the main process loads at run time', () => {
    const needed = mainRuntimePackages();
    expect(needed).toEqual(['@napi-rs/keyring']);
    for (const p of needed) expect(entries, `out/main requires ${p}`).toContain(`/node_modules/${p}/package.json`);
  });

  it('keeps the keychain native module outside the archive, where it can be loaded', () => {
    const native = entries.filter((e) => e.endsWith('.node'));
    expect(native).toEqual(['/node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node']);
    for (const n of native) {
      expect(statFile(asarPath, n.slice(1), false)).toMatchObject({ unpacked: true });
      expect(statSync(join(unpacked, 'resources/app.asar.unpacked', n)).size).toBeGreaterThan(100_000);
    }
  });

  it('ships the tray icons and the app icons the installers take', (ctx) => {
    for (const state of ['ok', 'running', 'failures']) {
      for (const f of [`${state}.png`, `${state}@2x.png`]) expect(statSync(join(unpacked, 'resources/tray', f)).size).toBeGreaterThan(0);
    }
    expect(existsSync(join(root, config.mac.icon))).toBe(true);
    expect(existsSync(join(root, config.win.icon))).toBe(true);
    if (!canDeb) return ctx.skip(`the .deb's hicolor icons: ${NO_DEB}`);
    const contents = sh('dpkg-deb', ['-c', deb]).stdout;
    for (const s of LINUX_SIZES) expect(contents).toContain(`./usr/share/icons/hicolor/${s}x${s}/apps/dragonfly-desk.png`);
  });

  it('registers dragonfly-desk:// on every platform: the protocol in the configuration and the MimeType in the .desktop entry', (ctx) => {
    expect(config.protocols).toEqual([expect.objectContaining({ schemes: [SCHEME] })]);
    expect(config.appId).toBe(`io.d7y.${pkg.name}`);
    if (!canDeb) return ctx.skip(`the .desktop entry in the .deb: ${NO_DEB}`);
    const x = join(work, 'deb-x');
    expect(sh('dpkg-deb', ['-x', deb, x]).status).toBe(0);
    const desktop = readFileSync(join(x, DESKTOP_FILE), 'utf8');
    expect(desktop).toContain(`MimeType=x-scheme-handler/${SCHEME};`);
    expect(desktop).toMatch(/^Exec=.*\/dragonfly-desk" %U$/m);
  });

  it('makes a deb with the app identity and the libraries Electron and the keychain need', (ctx) => {
    if (!canDeb) return ctx.skip(NO_DEB);
    const field = (name: string) => sh('dpkg-deb', ['-f', deb, name]).stdout.trim();
    expect(field('Package')).toBe(pkg.name);
    expect(field('Version')).toBe(pkg.version);
    expect(field('Architecture')).toBe('amd64');
    expect(field('Depends')).toContain('libsecret-1-0');
    expect(field('Depends')).toContain('libnss3');
  });

  it('installs with dpkg -i: the app, its command, its .desktop entry and the scheme handler; dpkg -r takes them away', (ctx) => {
    if (!canDeb) return ctx.skip(NO_DEB);
    if (!isRoot) return ctx.skip('installing a .deb with dpkg -i needs root (CI runs as root)');
    expect(dpkgInstalled(), `${pkg.name} is installed on this machine already; this test would replace it`).toBe(false);
    const install = sh('dpkg', ['-i', deb]);
    installedHere = install.status === 0;
    expect(install.status, install.stderr).toBe(0);

    expect(existsSync(join(INSTALL_DIR, 'resources/app.asar'))).toBe(true);
    expect(existsSync(join(INSTALL_DIR, 'resources/app.asar.unpacked/node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node'))).toBe(true);
    expect(realpathSync('/usr/bin/dragonfly-desk')).toBe(join(INSTALL_DIR, 'dragonfly-desk'));
    expect(existsSync('/usr/share/icons/hicolor/256x256/apps/dragonfly-desk.png')).toBe(true);

    const desktop = readFileSync(DESKTOP_FILE, 'utf8');
    const validate = sh('desktop-file-validate', [DESKTOP_FILE]);
    expect(validate.status, validate.stdout + validate.stderr).toBe(0);
    const exec = /^Exec="([^"]+)" %U$/m.exec(desktop);
    expect(exec?.[1]).toBe(join(INSTALL_DIR, 'dragonfly-desk'));
    expect(statSync(exec![1]!).mode & 0o111).not.toBe(0);
    expect(desktop).toContain(`MimeType=x-scheme-handler/${SCHEME};`);
    // The post-install script refreshed the desktop database, so the OS knows who opens the links.
    expect(readFileSync('/usr/share/applications/mimeinfo.cache', 'utf8')).toContain(`x-scheme-handler/${SCHEME}=${pkg.desktopName};`);
    expect(sh('xdg-mime', ['query', 'default', `x-scheme-handler/${SCHEME}`]).stdout.trim()).toBe(pkg.desktopName);

    const remove = sh('dpkg', ['-r', pkg.name]);
    expect(remove.status, remove.stderr).toBe(0);
    expect(existsSync(DESKTOP_FILE)).toBe(false);
    expect(existsSync(INSTALL_DIR)).toBe(false);
    expect(existsSync('/usr/bin/dragonfly-desk')).toBe(false);
    expect(readFileSync('/usr/share/applications/mimeinfo.cache', 'utf8')).not.toContain(`x-scheme-handler/${SCHEME}=`);
  });
});
