import { setImmediate } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SLICE_MS, slicer } from './give-way';

describe('slicer', () => {
  it('lets other work in once a slice has run its time, and not before', async () => {
    let clock = 0;
    const giveWay = slicer(() => clock);
    const order: string[] = [];
    // Work queued behind the loop, as a UI call would be.
    void setImmediate().then(() => order.push('call'));
    for (let i = 0; i < 4; i++) {
      clock += SLICE_MS / 2;
      order.push(`item ${i}`);
      await giveWay();
    }
    expect(order).toEqual(['item 0', 'item 1', 'call', 'item 2', 'item 3']);
  });
});
