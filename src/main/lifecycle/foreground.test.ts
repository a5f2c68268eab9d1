import { describe, expect, it } from 'vitest';
import { Foreground, MAX_WAIT_MS, QUIET_MS } from './foreground';

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
  it('lets background work go on at once when the UI asked nothing lately', async () => {
    const clock = fakeClock();
    const fg = new Foreground(clock.now, clock.wait);
    await fg.quiet();
    fg.touch();
    clock.advance(QUIET_MS);
    await fg.quiet();
    expect(clock.waits).toEqual([]);
  });

  it('waits until the UI has been quiet for QUIET_MS, counting calls made meanwhile', async () => {
    const clock = fakeClock();
    const fg = new Foreground(clock.now, clock.wait);
    fg.touch();
    clock.advance(100);
    // A call arrives during the first wait: the quiet moment starts again from it.
    clock.onWait.push(() => fg.touch());
    await fg.quiet();
    expect(clock.waits).toEqual([QUIET_MS - 100, QUIET_MS]);
  });

  it('never holds background work longer than MAX_WAIT_MS, however busy the UI', async () => {
    const clock = fakeClock();
    const fg = new Foreground(clock.now, clock.wait);
    fg.touch();
    for (let i = 0; i < 20; i++) clock.onWait.push(() => fg.touch());
    const start = clock.now();
    await fg.quiet();
    expect(clock.now() - start).toBe(MAX_WAIT_MS);
  });
});
