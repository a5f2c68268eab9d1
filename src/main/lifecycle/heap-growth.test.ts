import { afterEach, describe, expect, it, vi } from 'vitest';

const setFlagsFromString = vi.fn();
vi.mock('node:v8', () => ({ setFlagsFromString }));
const { HEAP_GROWING_PERCENT, keepHeapNearLive, STARTUP_MS } = await import('./heap-growth');

afterEach(() => {
  vi.useRealTimers();
  setFlagsFromString.mockClear();
});

describe('keepHeapNearLive', () => {
  it('holds the young generation at once, and caps the heap growth once start-up is over', () => {
    vi.useFakeTimers();
    keepHeapNearLive();
    expect(setFlagsFromString.mock.calls).toEqual([['--semi-space-growth-factor=1']]);
    vi.advanceTimersByTime(STARTUP_MS - 1);
    expect(setFlagsFromString).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(setFlagsFromString).toHaveBeenLastCalledWith(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });
});
