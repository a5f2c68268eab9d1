/**
 * `npm run bench:bundle`: builds the app, then sums the gzipped JavaScript and CSS the renderer loads
 * to paint the overview — index.html's entry and stylesheets, everything they import statically, and
 * the overview route's lazy chunk with its own static imports and CSS — against the goals.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Report } from './lib/report';
import { run } from './lib/measure';

const OUT = join(import.meta.dirname, '..', 'out', 'renderer');
const OVERVIEW = 'src/features/dashboard/DashboardPage.tsx';
const GOAL_JS_KB = 200;
const GOAL_CSS_KB = 30;

type Chunk = { file: string; src?: string; isEntry?: boolean; imports?: string[]; css?: string[] };

/** Every file a chunk needs before it runs: itself, its static imports (recursively) and their CSS. */
function closure(manifest: Record<string, Chunk>, key: string, files: Set<string>) {
  const chunk = manifest[key]!;
  if (files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const dep of chunk.imports ?? []) closure(manifest, dep, files);
}

async function main() {
  const report = new Report('bench:bundle');
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore', env: { ...process.env, DESK_BUILD_MANIFEST: '1' } });
  const manifest = JSON.parse(readFileSync(join(OUT, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry || !manifest[OVERVIEW]) throw new Error('manifest has no entry or no overview chunk');

  const files = new Set<string>();
  closure(manifest, entry, files);
  closure(manifest, OVERVIEW, files);

  const sizes = [...files].map((f) => ({ f, gz: gzipSync(readFileSync(join(OUT, f))).length / 1024 }));
  for (const { f, gz } of sizes.sort((a, b) => b.gz - a.gz)) console.log(`  ${f}: ${gz.toFixed(1)} KiB gzipped`);
  const sum = (ext: string) => sizes.filter((s) => s.f.endsWith(ext)).reduce((t, s) => t + s.gz, 0);
  report.value('overview JavaScript, gzipped', sum('.js'), 'KiB', { goal: GOAL_JS_KB });
  report.value('overview CSS, gzipped', sum('.css'), 'KiB', { goal: GOAL_CSS_KB });
  const all = Object.values(manifest).filter((c) => c.file.endsWith('.js'));
  report.value('all renderer JavaScript, gzipped', all.reduce((t, c) => t + gzipSync(readFileSync(join(OUT, c.file))).length / 1024, 0), 'KiB');
  report.finish();
  // Leave out/ as `npm run build` makes it, without the manifest.
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' });
}

run(main);
