import { setTimeout as sleep } from 'node:timers/promises';

/** How long the page must have asked nothing before background reads go on. */
export const QUIET_MS = 250;
/**
 * How long after a page starts loading its calls come first. Bounded, because a page that is open
 * keeps asking: the job list re-reads at each change, and a backfill's every page is one, so a first
 * look at ten managers of 10,000 jobs with the list open took 63 s instead of 43 when every call came first.
 */
export const LOAD_WINDOW_MS = 2000;

/**
 * Whether a page of the UI is loading. Background reads (the watcher's lists, a first look's backfill)
 * wait until it has been quiet for `QUIET_MS`, and never past `LOAD_WINDOW_MS` after the load began: on
 * two cores, a page load that competed with ten managers' backfill pages, served and parsed, took 420–750
 * ms to its first rows, against 240–370 ms when they waited (probe, 2026-12-03).
 */
export class Foreground {
  private lastAt = Number.NEGATIVE_INFINITY;
  private loadEnd = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly now: () => number = performance.now.bind(performance),
    private readonly wait: (ms: number) => Promise<unknown> = (ms) => sleep(ms, undefined, { ref: false }),
  ) {}

  /** A page (re)loads: the window or the browser tab asked for the app's document. */
  pageLoading() {
    this.lastAt = this.now();
    this.loadEnd = this.lastAt + LOAD_WINDOW_MS;
  }

  /** The UI called (at the start and at the end of a call): while a page loads, the quiet moment starts again. */
  touch() {
    const now = this.now();
    if (now < this.loadEnd) this.lastAt = now;
  }

  /** Resolves once no page is loading, or the loading one has been quiet for `QUIET_MS`. */
  async quiet(): Promise<void> {
    for (;;) {
      const left = Math.min(this.lastAt + QUIET_MS, this.loadEnd) - this.now();
      if (left <= 0) return;
      await this.wait(left);
    }
  }
}
