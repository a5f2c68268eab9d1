import { describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { Result } from '@shared/result';
import { windowedList, type WindowedList } from './windowed-list';

interface Page {
  offset: number;
  total: number;
  rows: string[];
}
interface State extends WindowedList<string, { search: string }> {
  following: boolean;
}

/** A store over a list of `total()` rows named r0, r1, …; each query waits until `answer()` is called. */
function listOf(total: () => number, following = false) {
  const pending: { offset: number; limit: number; resolve(r: Result<Page>): void }[] = [];
  const query = vi.fn(
    (_filter: { search: string }, offset: number, limit: number) =>
      new Promise<Result<Page>>((resolve) => pending.push({ offset, limit, resolve })),
  );
  const store = create<State>()((set, get) => ({
    ...windowedList<string, { search: string }, Page, State>(set, get, {
      filter: { search: '' },
      margin: 10,
      limit: 100,
      query,
      read: (p) => ({ ...p, keep: {} }),
      followsTail: (s) => s.following,
    }),
    following,
  }));
  const answer = async (i = 0) => {
    const [q] = pending.splice(i, 1);
    const rows = Array.from({ length: Math.max(0, Math.min(q!.limit, total() - q!.offset)) }, (_, k) => `r${q!.offset + k}`);
    q!.resolve({ ok: true, value: { offset: q!.offset, total: total(), rows } });
    await new Promise((r) => setTimeout(r));
  };
  return { store, query, pending, answer };
}

describe('a windowed list', () => {
  it('fetches the rows around the range, by index', async () => {
    const { store, query, answer } = listOf(() => 1000);
    store.getState().setRange(0, 20);
    void store.getState().reload();
    expect(query).toHaveBeenLastCalledWith({ search: '' }, 0, 30);
    await answer();
    const s = store.getState();
    expect([s.total, s.ready, s.applied, s.rows.size, s.rows.get(29)]).toEqual([1000, true, 1, 30, 'r29']);

    s.setRange(500, 520);
    expect(query).toHaveBeenLastCalledWith({ search: '' }, 490, 40);
  });

  it('asks again only when rows on screen are missing', async () => {
    const { store, query, answer } = listOf(() => 1000);
    store.getState().setRange(0, 20);
    void store.getState().reload();
    await answer();
    store.getState().setRange(5, 25);
    expect(query).toHaveBeenCalledTimes(1);
    store.getState().setRange(25, 45);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('applies only the newest answer when answers cross', async () => {
    let total = 1000;
    const { store, answer } = listOf(() => total);
    void store.getState().setFilter({ search: 'a' });
    total = 7;
    void store.getState().setFilter({ search: 'ab' });
    await answer(1);
    total = 1000;
    await answer(0);
    expect(store.getState().total).toBe(7);
    expect(store.getState().applied).toBe(1);
  });

  it('shows an answer while newer ones for the same filter are out, but never after a newer one', async () => {
    const { store, query, answer } = listOf(() => 1000);
    store.getState().setRange(0, 20);
    void store.getState().reload();
    await answer();
    // Asked again, then scrolled: the first answer comes while the second query is out, and is shown.
    void store.getState().reload();
    store.getState().setRange(300, 320);
    expect(query).toHaveBeenCalledTimes(3);
    await answer(0);
    expect([store.getState().applied, store.getState().rows.get(0)]).toEqual([2, 'r0']);
    await answer(0);
    expect([store.getState().applied, store.getState().rows.get(310)]).toEqual([3, 'r310']);

    // Answered the other way round, the older answer is dropped.
    void store.getState().reload();
    store.getState().setRange(600, 620);
    await answer(1);
    await answer(0);
    expect([store.getState().applied, store.getState().rows.get(610), store.getState().rows.has(310)]).toEqual([4, 'r610', false]);
  });

  it('asks once more, not once per change, when the data changes while a query is out', async () => {
    const { store, query, answer } = listOf(() => 1000);
    void store.getState().reload();
    for (let i = 0; i < 5; i++) store.getState().invalidate();
    expect(query).toHaveBeenCalledTimes(1);
    await answer();
    expect(store.getState().applied).toBe(1);
    expect(query).toHaveBeenCalledTimes(2);
    await answer();
    expect(query).toHaveBeenCalledTimes(2);
    store.getState().invalidate();
    expect(query).toHaveBeenCalledTimes(3);
  });

  it('keeps the error and stays ready when the back end refuses', async () => {
    const { store, pending } = listOf(() => 0);
    void store.getState().reload();
    pending[0]!.resolve({ ok: false, code: 'internal', message: 'broken' });
    await new Promise((r) => setTimeout(r));
    expect(store.getState()).toMatchObject({ error: 'broken', ready: true, applied: 0 });
  });

  it('following the tail, fetches the newest rows, and again when the tail moved past them', async () => {
    let total = 200;
    const { store, query, answer } = listOf(() => total, true);
    store.getState().setRange(0, 20);
    void store.getState().reload();
    await answer();
    // The first answer, at the range, said the tail is further on: it asks for the tail.
    expect(query).toHaveBeenLastCalledWith({ search: '' }, 170, 40);
    total = 300;
    await answer();
    expect(query).toHaveBeenLastCalledWith({ search: '' }, 270, 40);
    await answer();
    expect(store.getState().rows.get(299)).toBe('r299');
    expect(query).toHaveBeenCalledTimes(3);
  });
});
