import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webTransport } from './web-transport';

/** A WebSocket the test opens, answers and closes by hand. */
class FakeSocket {
  static OPEN = 1;
  static last: FakeSocket;
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(text: string) {
    this.sent.push(text);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(data: unknown) {
    this.onmessage?.({ data: JSON.stringify(data) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const fetchMock = vi.fn(async (url: string, init: { body: string }) => new Response(JSON.stringify({ ok: true, value: { url, body: JSON.parse(init.body) } })));

beforeEach(() => {
  vi.useFakeTimers();
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the web transport', () => {
  it('POSTs calls until the event socket opens, then sends them on it and takes each answer by its id', async () => {
    const t = webTransport();
    t.on('managers.changed', () => undefined);
    expect(await t.call('managers.list', {})).toEqual({ ok: true, value: { url: '/rpc/managers.list', body: {} } });
    FakeSocket.last.open();
    const a = t.call('dashboard.view', { range: '24h' });
    const b = t.call('managers.list', {});
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(FakeSocket.last.sent.map((s) => JSON.parse(s))).toEqual([
      { id: 1, call: 'dashboard.view', input: { range: '24h' } },
      { id: 2, call: 'managers.list', input: {} },
    ]);
    FakeSocket.last.receive({ id: 2, result: { ok: true, value: [] } });
    FakeSocket.last.receive({ id: 1, result: { ok: false, code: 'invalid_input', message: 'range' } });
    expect(await b).toEqual({ ok: true, value: [] });
    expect(await a).toEqual({ ok: false, code: 'invalid_input', message: 'range' });
  });

  it('still delivers events on the socket that carries calls', () => {
    const t = webTransport();
    const seen: unknown[] = [];
    t.on('managers.changed', (p) => seen.push(p));
    FakeSocket.last.open();
    FakeSocket.last.receive({ event: 'managers.changed', payload: { n: 1 } });
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('answers a call under way when the socket drops as unreachable, without sending it again', async () => {
    const t = webTransport();
    t.on('managers.changed', () => undefined);
    const first = FakeSocket.last;
    first.open();
    const pending = t.call('preheats.submit', { drafts: [] } as never);
    first.drop();
    expect(await pending).toMatchObject({ ok: false, code: 'unreachable', message: expect.stringContaining('the connection closed during the call') });
    expect(first.sent).toHaveLength(1);
    expect(fetchMock).not.toHaveBeenCalled();
    // Until the socket is back, calls are POSTs.
    await t.call('managers.list', {});
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('POSTs an input too long for one socket message', async () => {
    const t = webTransport();
    t.on('managers.changed', () => undefined);
    FakeSocket.last.open();
    await t.call('jobs.describe', { managerId: 'm', jobId: 1, description: 'x'.repeat(20_000) });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(FakeSocket.last.sent).toHaveLength(0);
  });
});
