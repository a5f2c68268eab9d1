import { describe, expect, it } from 'vitest';
import { Gate } from './gate';

describe('Gate', () => {
  it('runs at most its limit at once, in the order asked, and goes on after a failure', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const release: (() => void)[] = [];
    const task = (i: number) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((r) => release.push(r));
        running--;
        if (i === 1) throw new Error('task 1 failed');
        return i;
      });
    const all = Promise.allSettled([0, 1, 2, 3, 4].map(task));
    while (order.length < 5) {
      await new Promise((r) => setTimeout(r));
      release.shift()?.();
    }
    release.forEach((r) => r());
    const results = await all;
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('runs a task that has its turn only once `ready` resolves', async () => {
    let open!: () => void;
    const ready = new Promise<void>((r) => (open = r));
    const gate = new Gate(2, () => ready);
    const ran: number[] = [];
    const done = Promise.all([1, 2].map((i) => gate.run(async () => void ran.push(i))));
    await new Promise((r) => setTimeout(r));
    expect(ran).toEqual([]);
    open();
    await done;
    expect(ran).toEqual([1, 2]);
  });
});
