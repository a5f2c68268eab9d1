import { setImmediate } from 'node:timers';
import type { Disposable } from './disposable';

/** What a search's text can be made ready in steps (JobIndex, FailureLog). */
export interface Searchable {
  /** Do one step; false when nothing is left. */
  prepareSearch(): boolean;
}

/**
 * Builds a search's chunks of text ahead of the first keystroke, once its entries have been still for
 * `delayMs`, one chunk per turn of the event loop so the UI's calls slip in between. Left to the first
 * search, 100,000 jobs made the first keystroke after a load take 276 ms (bench:list, 2026-12-01). It
 * waits for a pause because each change of a chunk's entries means building that chunk again, and a bulk
 * load changes the last one with every page.
 */
export class SearchWarmup implements Disposable {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly target: Searchable,
    private readonly delayMs = 300,
  ) {}

  /** The entries changed: prepare what a search would have to build, once they stop changing. */
  schedule() {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.step, this.delayMs);
    this.timer.unref?.();
  }

  private step = () => {
    this.timer = null;
    if (!this.stopped && this.target.prepareSearch()) setImmediate(this.step);
  };

  dispose() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
