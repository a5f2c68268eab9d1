import { readFileSync } from 'node:fs';

/** Percentiles, memory and formatting for every benchmark; no browser here, so Node-only benchmarks stay light. */

export const ms = (n: number) => `${n.toFixed(0)} ms`;

export const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export const spread = (xs: number[]) => `median ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, max ${ms(Math.max(...xs))}`;
