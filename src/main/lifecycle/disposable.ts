/** Anything that holds a resource (a timer, a file, a connection) and must let it go at shutdown. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/**
 * The one shutdown order: resources are disposed of in the reverse order they were added, so what
 * depends on something is gone before it. Each is awaited; one that fails does not stop the others.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposing: Promise<void> | null = null;

  add<T extends Disposable>(item: T): T {
    this.items.push(item);
    return item;
  }

  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      const errors: unknown[] = [];
      for (const item of this.items.splice(0).reverse()) {
        try {
          await item.dispose();
        } catch (err) {
          errors.push(err);
        }
      }
      if (errors.length) throw new AggregateError(errors, `${errors.length} resource(s) failed to close`);
    })();
    return this.disposing;
  }
}

export const toDisposable = (dispose: () => void | Promise<void>): Disposable => ({ dispose });
