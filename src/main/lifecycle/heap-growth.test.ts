import { afterEach, describe, expect, it, vi } from 'vitest';

const setFlagsFromString = vi.fn();
vi.mock('node:v8', () => ({ setFlagsFromString }));
const gc = vi.fn();
const runInNewContext = vi.fn(() => gc);
vi.mock('node:vm', () => ({ runInNewContext }));
const { HEAP_GROWING_PERCENT, keepHeapNearLive, STARTUP_MS } = await import('./heap-growth');

afterEach(() => {
  vi.useRealTimers();
  setFlagsFromString.mockClear();
  gc.mockClear();
});

describe('keepHeapNearLive', () => {
  it('holds the young generation at once, and caps the heap growth once start-up is over, collecting what it grew', () => {
    vi.useFakeTimers();
    keepHeapNearLive();
    expect(setFlagsFromString.mock.calls).toEqual([['--semi-space-growth-factor=1']]);
    vi.advanceTimersByTime(STARTUP_MS - 1);
    expect(setFlagsFromString).toHaveBeenCalledTimes(1);
    expect(gc).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(setFlagsFromString.mock.calls.slice(1)).toEqual([[`--heap-growing-percent=${HEAP_GROWING_PERCENT}`], ['--expose-gc']]);
    expect(runInNewContext).toHaveBeenCalledWith('gc');
    expect(gc).toHaveBeenCalledTimes(1);
  });
});
