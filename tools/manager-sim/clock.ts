/** The simulator's time: real time plus an offset that tests move forward. */
export class SimClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number) {
    this.offsetMs += ms;
  }
}

/**
 * When the manager's poller reads a job (manager-api.md §3.7): immediately, then waits of
 * 30 s·2^(k−1) capped at 300 s, 16 attempts in all; after the last one it forces FAILURE.
 */
export const POLL_OFFSETS_S: number[] = (() => {
  const out = [0];
  for (let k = 1; k < 16; k++) out.push(out[k - 1]! + Math.min(30 * 2 ** (k - 1), 300));
  return out;
})();
