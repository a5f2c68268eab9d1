import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from './debounce';
import { DisposableStore } from './disposable';

describe('Debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once per burst, counted from the first call, and flushes on demand', () => {
    const fn = vi.fn();
    const d = new Debouncer(100, fn);
    d.schedule();
    vi.advanceTimersByTime(60);
    d.schedule();
    vi.advanceTimersByTime(40);
    expect(fn).toHaveBeenCalledTimes(1);
    d.schedule();
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    d.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    d.schedule();
    d.dispose();
    vi.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});

describe('DisposableStore', () => {
  it('disposes in reverse order, awaits each, goes on past a failure and reports it', async () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add({ dispose: () => void order.push('first') });
    store.add({
      dispose: async () => {
        await new Promise((r) => setTimeout(r, 5));
        order.push('second');
      },
    });
    store.add({
      dispose: () => {
        throw new Error('boom');
      },
    });
    await expect(store.dispose()).rejects.toThrow('1 resource(s) failed to close');
    expect(order).toEqual(['second', 'first']);
    await expect(store.dispose()).rejects.toThrow();
  });
});
