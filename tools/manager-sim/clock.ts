/** The simulator's time: real time plus an offset that tests move forward. */
export class SimClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  advance(ms: number) {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Stop time (for tests that count on exact instants); `resume` lets it run on from there. */
  freeze() {
    this.frozenAt = this.now();
  }

  resume() {
    if (this.frozenAt === null) return;
    this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = null;
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
