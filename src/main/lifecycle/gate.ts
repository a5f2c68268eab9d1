/**
 * At most `limit` tasks run at once; the others wait their turn, first come first served. A task that
 * has its turn first waits for `ready`, if given (background work letting a loading page go first).
 */
export class Gate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly ready?: () => Promise<void>,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      await this.ready?.();
      return await task();
    } finally {
      // The turn passes straight to the next in line, so `running` never drops below what runs.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
