import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Throttle } from './throttle';

describe('Throttle', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('runs the first of a burst at once, then once per interval, and never twice for one schedule', () => {
    const runs: number[] = [];
    const t = new Throttle(150, () => runs.push(performance.now()));
    t.schedule();
    vi.advanceTimersByTime(0);
    expect(runs).toEqual([0]);
    // A burst right after: one run, 150 ms after the last.
    for (let i = 0; i < 10; i++) t.schedule();
    vi.advanceTimersByTime(149);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual([0, 150]);
    // Quiet for longer than the interval: the next one goes at once again.
    vi.advanceTimersByTime(1000);
    t.schedule();
    vi.advanceTimersByTime(0);
    expect(runs).toEqual([0, 150, 1150]);
    t.schedule();
    t.dispose();
    vi.advanceTimersByTime(1000);
    expect(runs).toHaveLength(3);
  });
});
