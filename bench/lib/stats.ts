import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Percentiles, memory and formatting for every benchmark; no browser here, so Node-only benchmarks stay light. */

export const ms = (n: number) => `${n.toFixed(0)} ms`;

export const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/**
 * The back end's resident memory once it has sat `idleMs` as a user would leave it (page open, watcher
 * running): the median of 10 readings 500 ms apart. One reading right after a burst of work swung
 * 208–277 MiB between runs of the same code, with when V8 last collected; it is kept as `atOnce`.
 */
export async function settledRss(pid: number, idleMs = 10_000): Promise<{ settled: number; atOnce: number }> {
  const atOnce = rssMiB(pid);
  await sleep(idleMs);
  const xs: number[] = [];
  for (let i = 0; i < 10; i++) {
    xs.push(rssMiB(pid));
    await sleep(500);
  }
  return { settled: pct(xs, 50), atOnce };
}

export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export const spread = (xs: number[]) => `median ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, max ${ms(Math.max(...xs))}`;
