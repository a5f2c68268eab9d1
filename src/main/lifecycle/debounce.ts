import type { Disposable } from './disposable';

/**
 * Run `fn` once, `ms` after the first of a burst of `schedule()` calls (not pushed back by later
 * calls, so a steady stream still fires every `ms`). `flush()` runs it now if one is due.
 */
export class Debouncer implements Disposable {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ms: number,
    private readonly fn: () => void,
    /** Keep the process alive while a run is due (a pending write); off for UI events. */
    private readonly keepAlive = false,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fn();
    }, this.ms);
    if (!this.keepAlive) this.timer.unref?.();
  }

  get due(): boolean {
    return this.timer !== null;
  }

  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.fn();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  dispose(): void {
    this.cancel();
  }
}
