#!/usr/bin/env node
/**
 * A stand-in for fpm that makes a .deb with dpkg-deb, for machines that cannot download fpm.
 *
 * electron-builder's deb target builds the package layout itself (the app under /opt, the .desktop
 * entry with its MimeType, the hicolor icons, the post-install and post-remove scripts, the
 * dependencies) and hands it to fpm as `fpm -s dir -t deb <options> <src>=<dest>...`. fpm is a Ruby
 * program electron-builder downloads from GitHub; where only package registries are reachable, point
 * `CUSTOM_FPM_PATH` here and dpkg-deb (Debian's own tool) packs the same layout. It understands exactly
 * the options electron-builder 26 passes for a deb, and refuses anything else rather than guess.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const VALUED = new Set(['-s', '-t', '-d', '--deb-recommends', '--deb-compression', '--architecture', '--after-install', '--after-remove', '--description', '--version', '--package', '--name', '--maintainer', '--vendor', '--url', '--deb-priority', '--license', '--category', '--iteration', '--log']);
const FLAGS = new Set(['--force', '--debug']);

/** The options and `src=dest` mappings of an fpm command line; throws on an option fpm-deb does not know. */
export function parseFpmArgs(argv) {
  const opts = { depends: [], recommends: [], mappings: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (FLAGS.has(a)) continue;
    if (VALUED.has(a)) {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      if (a === '-d') opts.depends.push(v);
      else if (a === '--deb-recommends') opts.recommends.push(v);
      else opts[a.replace(/^-+/, '')] = v;
      continue;
    }
    if (a.startsWith('-')) throw new Error(`fpm-deb does not support ${a}`);
    const at = a.indexOf('=');
    if (at <= 0) throw new Error(`expected <source>=<destination>, got ${a}`);
    opts.mappings.push({ from: a.slice(0, at), to: a.slice(at + 1) });
  }
  if (opts.s !== 'dir' || opts.t !== 'deb') throw new Error(`fpm-deb makes only a deb from a directory (-s dir -t deb), not -s ${opts.s} -t ${opts.t}`);
  for (const k of ['name', 'version', 'architecture', 'package']) if (!opts[k]) throw new Error(`--${k} is required`);
  return opts;
}

/** The DEBIAN/control text, with the fields fpm writes for a deb. */
export function controlFile(opts, installedKiB) {
  const [summary, ...rest] = (opts.description ?? opts.name).split('\n');
  const body = rest.map((l) => (l.trim() === '' ? ' .' : ` ${l.trim()}`));
  const version = opts.iteration ? `${opts.version}-${opts.iteration}` : opts.version;
  const fields = [
    ['Package', opts.name],
    ['Version', version],
    ['License', opts.license],
    ['Vendor', opts.vendor],
    ['Architecture', opts.architecture],
    ['Maintainer', opts.maintainer],
    ['Installed-Size', String(installedKiB)],
    ['Depends', opts.depends.join(', ')],
    ['Recommends', opts.recommends.join(', ')],
    ['Section', opts.category ?? 'default'],
    ['Priority', opts['deb-priority'] ?? 'optional'],
    ['Homepage', opts.url],
    ['Description', [summary.trim(), ...body].join('\n')],
  ];
  return fields.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n';
}

function sizeKiB(path) {
  const st = lstatSync(path);
  if (st.isDirectory()) return readdirSync(path).reduce((n, f) => n + sizeKiB(join(path, f)), 0);
  return Math.ceil(st.size / 1024);
}

export function buildDeb(opts) {
  const root = mkdtempSync(join(tmpdir(), 'fpm-deb-'));
  try {
    for (const { from, to } of opts.mappings) {
      const dest = join(root, to);
      mkdirSync(from.endsWith('/') ? dest : dirname(dest), { recursive: true });
      // `dir/=dest` puts the directory's contents at dest, as fpm does.
      cpSync(from, dest, { recursive: true, verbatimSymlinks: true });
    }
    const installed = sizeKiB(root);
    mkdirSync(join(root, 'DEBIAN'));
    writeFileSync(join(root, 'DEBIAN', 'control'), controlFile(opts, installed));
    for (const [flag, script] of [['after-install', 'postinst'], ['after-remove', 'postrm']]) {
      if (!opts[flag]) continue;
      writeFileSync(join(root, 'DEBIAN', script), readFileSync(opts[flag]));
      chmodSync(join(root, 'DEBIAN', script), 0o755);
    }
    chmodSync(root, 0o755);
    rmSync(opts.package, { force: true });
    mkdirSync(dirname(opts.package), { recursive: true });
    const run = spawnSync('dpkg-deb', ['--root-owner-group', `-Z${opts['deb-compression'] ?? 'xz'}`, '--build', root, opts.package], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`dpkg-deb failed: ${run.error?.message ?? run.stderr.trim()}`);
    return { file: opts.package, size: statSync(opts.package).size };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { file } = buildDeb(parseFpmArgs(process.argv.slice(2)));
    process.stdout.write(`Created package {:path=>"${file}"}\n`);
  } catch (err) {
    process.stderr.write(`fpm-deb: ${err.message}\n`);
    process.exit(1);
  }
}
