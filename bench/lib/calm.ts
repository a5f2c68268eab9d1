import { readFileSync } from 'node:fs';

/** The machine's CPU time so far, from /proc/stat's first line: all of it, and the idle part (idle + iowait). */
function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { total: fields.reduce((a, b) => a + b, 0), idle: fields[3]! + fields[4]! };
}

/** The share of the CPU busy over the next `ms`, 0 to 1. */
async function busyOver(ms: number) {
  const before = cpuTimes();
  await new Promise((r) => setTimeout(r, ms));
  const after = cpuTimes();
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : 0;
}

/** The window the CPU's busy share is read over. */
export const CALM_WINDOW_MS = 2000;

export interface Calm {
  /** How long it took the CPU to calm down, its first window included. */
  waitedMs: number;
  /** Its busy share over the last window, 0 to 1. */
  busy: number;
}

/**
 * Wait until the CPU has been at most `maxBusy` busy over a window, or `maxMs` have passed: the machine
 * is shared with builds and tests. The CPU itself is read, since the load average lags by minutes (4.77
 * at the start of the idle soak, right after bench:cold, with the CPU 0 % busy).
 */
export async function waitForCalm(maxBusy = 0.1, maxMs = 60_000): Promise<Calm> {
  const t0 = performance.now();
  for (;;) {
    const busy = await busyOver(CALM_WINDOW_MS);
    const waitedMs = performance.now() - t0;
    if (busy <= maxBusy || waitedMs >= maxMs) return { waitedMs, busy };
  }
}

/** "CPU 1 % busy over the 2 s before it", and how long it took to get there when it was not at once. */
export function calmText(calm: Calm): string {
  const waited = calm.waitedMs - CALM_WINDOW_MS;
  return `CPU ${Math.round(calm.busy * 100)} % busy over the ${CALM_WINDOW_MS / 1000} s before it${waited >= 1000 ? `, ${(waited / 1000).toFixed(0)} s after the first look` : ''}`;
}
