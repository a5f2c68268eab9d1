import { describe, expect, it } from 'vitest';
import { CreatePacer } from './pacer';

describe('CreatePacer', () => {
  it('lets half the limit through at once, then one every 1/limit s', async () => {
    let t = 0;
    const sent: number[] = [];
    const pacer = new CreatePacer(() => t, async (ms) => void (t += ms));
    for (let i = 0; i < 8; i++) {
      await pacer.acquire('m', [{ id: 1, perSecond: 10 }]);
      sent.push(t);
    }
    expect(sent).toEqual([0, 0, 0, 0, 0, 100, 200, 300]);
  });

  it('waits for the slowest of the clusters a create names', async () => {
    let t = 0;
    const pacer = new CreatePacer(() => t, async (ms) => void (t += ms));
    await pacer.acquire('m', [{ id: 1, perSecond: 2 }]);
    await pacer.acquire('m', [{ id: 1, perSecond: 2 }, { id: 2, perSecond: 100 }]);
    expect(t).toBe(500);
  });

  it('keeps managers apart', async () => {
    let t = 0;
    const pacer = new CreatePacer(() => t, async (ms) => void (t += ms));
    await pacer.acquire('a', [{ id: 1, perSecond: 1 }]);
    await pacer.acquire('b', [{ id: 1, perSecond: 1 }]);
    expect(t).toBe(0);
  });
});
