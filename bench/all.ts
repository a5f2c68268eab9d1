/**
 * `npm run bench:all`: every benchmark in turn, each in its own process, then one JSON report in
 * bench/results/<date>.json (the machine's load with each) that `npm run bench:readme` turns into the
 * README's tables. Each waits for a calm CPU first (at most 10 % busy over 2 s, or a minute: lib/calm.ts).
 * BENCH_ONLY=watch,dashboard runs a subset and merges it into today's report.
 * The fault and kill soaks are not part of it: they check behaviour, not performance.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { calmText, waitForCalm } from './lib/calm';
import type { BenchResult } from './lib/report';

export const BENCHES = ['bundle', 'sim', 'fanout', 'watch', 'list', 'failures', 'dashboard', 'cold', 'idle'] as const;
const SCRIPT: Record<(typeof BENCHES)[number], string> = {
  bundle: 'bench/bundle.ts',
  sim: 'bench/sim-scale.ts',
  fanout: 'bench/fanout.ts',
  watch: 'bench/watch.ts',
  list: 'bench/list-scale.ts',
  failures: 'bench/failure-log.ts',
  dashboard: 'bench/dashboard.ts',
  cold: 'bench/cold-start.ts',
  idle: 'bench/idle-soak.ts',
};

export interface AllResults {
  date: string;
  machine: string;
  results: BenchResult[];
}

const root = join(import.meta.dirname, '..');
const only = process.env.BENCH_ONLY?.split(',');
const date = new Date().toISOString().slice(0, 10);
const file = join(root, 'bench', 'results', `${date}.json`);
const previous: AllResults | null = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as AllResults) : null;
const results = new Map((previous?.results ?? []).map((r) => [r.bench, r]));
let failed = 0;
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
/** Written after every benchmark, so a run cut short keeps what it measured. */
const save = () => {
  const report: AllResults = { date, machine: `${cpus().length} cores, Node ${process.version}`, results: BENCHES.flatMap((b) => results.get(`bench:${b}`) ?? []) };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
};

async function main() {
  for (const name of BENCHES) {
    if (only && !only.includes(name)) continue;
    const out = join(tmpdir(), `desk-bench-${name}-${process.pid}.json`);
    console.log(`\n=== ${name}`);
    const calm = await waitForCalm();
    console.log(calmText(calm));
    const run = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT[name]], { cwd: root, stdio: 'inherit', env: { ...process.env, BENCH_OUT: out } });
    if (run.status !== 0 || !existsSync(out)) {
      failed++;
      console.error(`${name} failed (exit ${run.status}); its previous result, if any, is kept`);
      continue;
    }
    const result = { ...(JSON.parse(readFileSync(out, 'utf8')) as BenchResult), calm };
    results.set(result.bench, result);
    rmSync(out);
    save();
  }

  console.log(`\nwrote ${file}${failed ? `; ${failed} benchmark(s) failed` : ''}`);
  process.exit(failed ? 1 : 0);
}

void main();
