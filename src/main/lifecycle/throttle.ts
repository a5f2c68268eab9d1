import type { Disposable } from './disposable';

/**
 * Run `fn` soon after `schedule()`, at most once every `ms`: the first change of a burst reaches the
 * UI at once, and a steady stream of them once every `ms`. (A debounce would hold the first one back
 * by `ms`: 350 ms on the way from a manager's first page to the first rows shown, with the UI's own.)
 */
export class Throttle implements Disposable {
  private timer: NodeJS.Timeout | null = null;
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ms: number,
    private readonly fn: () => void,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.last = performance.now();
        this.fn();
      },
      Math.max(0, this.last + this.ms - performance.now()),
    );
    this.timer.unref?.();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
