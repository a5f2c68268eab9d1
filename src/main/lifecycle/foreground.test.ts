import { describe, expect, it } from 'vitest';
import { Foreground, LOAD_WINDOW_MS, QUIET_MS } from './foreground';

/** A clock that only moves when the code under test waits. */
function fakeClock() {
  let t = 1000;
  const waits: number[] = [];
  const onWait: (() => void)[] = [];
  return {
    now: () => t,
    advance: (ms: number) => void (t += ms),
    waits,
    onWait,
    wait: async (ms: number) => {
      waits.push(ms);
      t += ms;
      onWait.shift()?.();
    },
  };
}

describe('Foreground', () => {
  it('holds nothing back while no page loads, however often the UI calls', async () => {
    const clock = fakeClock();
    const fg = new Foreground(clock.now, clock.wait);
    fg.touch();
    await fg.quiet();
    fg.pageLoading();
    clock.advance(QUIET_MS);
    fg.touch();
    clock.advance(LOAD_WINDOW_MS);
    fg.touch();
    await fg.quiet();
    expect(clock.waits).toEqual([]);
  });

  it('waits while a loading page calls, until it has been quiet for QUIET_MS', async () => {
    const clock = fakeClock();
    const fg = new Foreground(clock.now, clock.wait);
    fg.pageLoading();
    clock.advance(100);
    // The page's first query arrives during the first wait: the quiet moment starts again from it.
    clock.onWait.push(() => fg.touch());
    await fg.quiet();
    expect(clock.waits).toEqual([QUIET_MS - 100, QUIET_MS]);
  });

  it('never holds background work past LOAD_WINDOW_MS after the load began, however busy the page', async () => {
    const clock = fakeClock();
    const fg = new Foreground(clock.now, clock.wait);
    fg.pageLoading();
    const start = clock.now();
    for (let i = 0; i < 100; i++) clock.onWait.push(() => fg.touch());
    await fg.quiet();
    expect(clock.now() - start).toBe(LOAD_WINDOW_MS);
  });
});
