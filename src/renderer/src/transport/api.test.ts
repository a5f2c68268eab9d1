import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ahead, call } from './api';

/** The web transport's POSTs, answered at once with the call's name and body. */
const fetchMock = vi.fn(async (url: string, init: { body: string }) => new Response(JSON.stringify({ ok: true, value: { url, body: JSON.parse(init.body) } })));

beforeEach(() => {
  vi.useFakeTimers();
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(async () => {
  // Let what a test asked ahead and left expire, so the next test starts with none.
  await vi.advanceTimersByTimeAsync(5_000);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('asking ahead', () => {
  it('gives the next identical call the answer asked ahead, once', async () => {
    ahead(() => void call('dashboard.view', { range: '24h' }));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const taken = await call('dashboard.view', { range: '24h' });
    expect(taken).toEqual({ ok: true, value: { url: '/rpc/dashboard.view', body: { range: '24h' } } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // Taken once: the next call asks again.
    await call('dashboard.view', { range: '24h' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('does not give the answer to a call with other input or another name', async () => {
    ahead(() => void call('dashboard.view', { range: '24h' }));
    await call('dashboard.view', { range: '7d' });
    await call('jobs.query', { filter: {}, offset: 0, limit: 100 });
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('keeps only what was asked inside `ahead`', async () => {
    await call('dashboard.view', { range: '24h' });
    await call('dashboard.view', { range: '24h' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('drops an answer nobody took after a while, so a later visit asks afresh', async () => {
    ahead(() => void call('dashboard.view', { range: '30d' }));
    await vi.advanceTimersByTimeAsync(5_000);
    await call('dashboard.view', { range: '30d' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
