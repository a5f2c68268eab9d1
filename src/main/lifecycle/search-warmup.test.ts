import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchWarmup } from './search-warmup';

const turn = () => new Promise((r) => setImmediate(r));

afterEach(() => vi.useRealTimers());

describe('SearchWarmup', () => {
  it('prepares once the entries have been still for a moment, one step per turn, until nothing is left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let left = 3;
    const steps: number[] = [];
    const warmup = new SearchWarmup({ prepareSearch: () => (steps.push(left), left-- > 0) }, 300);
    warmup.schedule();
    vi.advanceTimersByTime(200);
    // Another change pushes it back: a bulk load is prepared once, at its end.
    warmup.schedule();
    vi.advanceTimersByTime(299);
    expect(steps).toEqual([]);
    vi.advanceTimersByTime(1);
    // The first step runs at once; each further one waits for a turn of the event loop.
    expect(steps).toEqual([3]);
    await turn();
    expect(steps).toEqual([3, 2]);
    for (let i = 0; i < 4; i++) await turn();
    expect(steps).toEqual([3, 2, 1, 0]);
    warmup.dispose();
  });

  it('stops at dispose, between two steps', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let steps = 0;
    const warmup = new SearchWarmup({ prepareSearch: () => ++steps < 10 }, 0);
    warmup.schedule();
    vi.advanceTimersByTime(0);
    expect(steps).toBe(1);
    warmup.dispose();
    for (let i = 0; i < 5; i++) await turn();
    expect(steps).toBe(1);
  });
});
