import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The back end behind the page: events fired by the test, each overview read recorded with its time. */
const listeners = new Map<string, Set<() => void>>();
const reads: number[] = [];
vi.mock('@renderer/transport/web-transport', () => ({
  webTransport: () => ({
    kind: 'web',
    call: async (name: string) => {
      if (name === 'dashboard.view') reads.push(Date.now());
      return { ok: false, code: 'unreachable', message: 'not needed here' };
    },
    on: (event: string, listener: () => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  }),
}));
const { watchDashboard } = await import('./dashboard-store');
const fire = (event: string) => listeners.get(event)?.forEach((l) => l());

let stop: () => void;
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  reads.length = 0;
  stop = watchDashboard();
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('the overview on screen, read again', () => {
  it('shows the end of an inventory refresh within 100 ms, though jobs were read again just before', async () => {
    fire('jobs.changed');
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toEqual([0]);
    await vi.advanceTimersByTimeAsync(50);
    fire('dashboard.changed');
    await vi.advanceTimersByTimeAsync(30);
    expect(reads).toEqual([0, 50]);
    fire('dashboard.changed');
    await vi.advanceTimersByTimeAsync(100);
    expect(reads).toEqual([0, 50, 150]);
  });

  it('reads again at most every 300 ms while jobs keep changing, and stops listening when it leaves', async () => {
    for (let t = 0; t < 1000; t += 50) {
      fire('jobs.changed');
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(reads).toEqual([0, 300, 600, 900]);
    stop();
    fire('jobs.changed');
    fire('dashboard.changed');
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads).toEqual([0, 300, 600, 900]);
  });
});
