import { setTimeout as sleep } from 'node:timers/promises';

/** How long the UI must have asked nothing before background reads go on. */
export const QUIET_MS = 250;
/** The longest one background read waits for that: a UI that keeps asking must not stop it for good. */
export const MAX_WAIT_MS = 1000;

/**
 * When the UI last asked the back end for something. Background reads (a first look's backfill) wait
 * for a quiet moment before each request: on two cores, a page load that competed with ten managers'
 * backfill pages, served and parsed, took 420–550 ms to its first rows, against 240–270 ms alone
 * (probe, 2026-12-03).
 */
export class Foreground {
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number = performance.now.bind(performance),
    private readonly wait: (ms: number) => Promise<unknown> = (ms) => sleep(ms, undefined, { ref: false }),
  ) {}

  /** The UI asked for something (at the start and at the end of a call). */
  touch() {
    this.lastAt = this.now();
  }

  /** Resolves once the UI has asked nothing for `QUIET_MS`, or after `MAX_WAIT_MS` at most. */
  async quiet(): Promise<void> {
    const deadline = this.now() + MAX_WAIT_MS;
    for (;;) {
      const left = Math.min(this.lastAt + QUIET_MS, deadline) - this.now();
      if (left <= 0) return;
      await this.wait(left);
    }
  }
}
