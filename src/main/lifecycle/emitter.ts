/** One shape for every event source in the back end: subscribe, get back the way to unsubscribe. */
export type Listener<T> = (value: T) => void;

export class Emitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  /** Subscribe; the returned function unsubscribes. */
  on(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
}
