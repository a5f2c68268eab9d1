import { readFileSync, writeFileSync } from 'node:fs';
import type { Calm } from './calm';
import { pct } from './stats';

/**
 * What every benchmark reports: named figures, each either one value or samples summarised as median
 * and p95, with the goal when the issue set one. Printed as it goes; written as JSON to
 * `BENCH_OUT` when `npm run bench:all` runs the benchmark, so the README tables come from one file.
 */

export type Figure = {
  name: string;
  unit: string;
  value?: number;
  median?: number;
  p95?: number;
  max?: number;
  samples?: number;
  /** The figure must stay at or under it. */
  goal?: number;
  note?: string;
};

export type BenchResult = {
  bench: string;
  startedAt: string;
  loadBefore: string;
  loadAfter: string;
  figures: Figure[];
  /** How calm bench:all found the CPU before it (lib/calm.ts); absent when run on its own. */
  calm?: Calm;
};

export const loadAvg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const fmt = (n: number, unit: string) => `${n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 2 : n < 100 ? 1 : 0 })} ${unit}`;

export function describe(f: Figure): string {
  const main = f.median !== undefined ? `median ${fmt(f.median, f.unit)}, p95 ${fmt(f.p95!, f.unit)}, max ${fmt(f.max!, f.unit)} (${f.samples} samples)` : fmt(f.value!, f.unit);
  const goal = f.goal === undefined ? '' : ` — goal ≤ ${fmt(f.goal, f.unit)}: ${met(f) ? 'met' : 'NOT met'}`;
  return `${main}${goal}${f.note ? ` (${f.note})` : ''}`;
}

/** The figure compared with its goal: p95 when sampled, else the value. */
export const met = (f: Figure) => f.goal === undefined || (f.p95 ?? f.value!) <= f.goal;

export class Report {
  private readonly result: BenchResult;

  constructor(bench: string) {
    this.result = { bench, startedAt: new Date().toISOString(), loadBefore: loadAvg(), loadAfter: '', figures: [] };
    console.log(`${bench}: ${this.result.startedAt}, load average ${this.result.loadBefore}`);
  }

  value(name: string, value: number, unit: string, extra: Pick<Figure, 'goal' | 'note'> = {}) {
    return this.add({ name, unit, value, ...extra });
  }

  /** Samples taken after a warm-up; fewer than five is not a figure. */
  samples(name: string, xs: number[], unit: string, extra: Pick<Figure, 'goal' | 'note'> = {}) {
    if (xs.length < 5) throw new Error(`${name}: ${xs.length} samples, at least 5 needed`);
    return this.add({ name, unit, median: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs), samples: xs.length, ...extra });
  }

  private add(f: Figure) {
    this.result.figures.push(f);
    console.log(`${f.name}: ${describe(f)}`);
    return f;
  }

  /** Print the load after the run and hand the result to bench:all when it asked for it. */
  finish() {
    this.result.loadAfter = loadAvg();
    console.log(`load average after: ${this.result.loadAfter}`);
    if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(this.result, null, 2));
    return this.result;
  }
}
