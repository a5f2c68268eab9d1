import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventListener, Handlers } from '../../../shared/contract';
import { dispatch } from '../dispatch';
import type { TransportHost } from '../host';
import { startWebServer, type WebServer } from './web-server';

let server: WebServer;
const listeners = new Set<EventListener>();
let pageLoads = 0;
const backend: TransportHost = {
  call: (name, input) => dispatch({ 'managers.list': async () => [] } as unknown as Handlers, name, input),
  pageLoading: () => void pageLoads++,
  log: () => undefined,
  subscribe(l) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

/** A raw request, so Host and Origin can be set freely. */
function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string; port?: number } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: opts.port ?? server.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>desk</title>');
  server = await startWebServer({ backend, staticDir: dir, token: 'test-token-0123456789' });
});

afterAll(() => server.close());

describe('web transport guard', () => {
  const host = () => `127.0.0.1:${server.port}`;

  it('binds loopback only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers 401 when the token is missing or wrong, and never takes the API token in a URL', async () => {
    for (const res of [
      await raw('/'),
      await raw('/rpc/managers.list', { method: 'POST', body: '{}' }),
      await raw('/rpc/managers.list', { method: 'POST', headers: { 'x-desk-token': 'test-token-012345678X' }, body: '{}' }),
      await raw(`/?token=${server.token}`),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('swaps the launch token once for this run’s HttpOnly cookie, and refuses it in a URL after', async () => {
    const launch = new URL(server.launchUrl);
    const res = await raw(`/${launch.search}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^desk_run_[0-9a-f]{12}=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(cookie).not.toContain(server.token);
    const session = cookie.split(';')[0]!;
    const page = await raw('/', { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // Spent: from another browser the same link is refused, with a reason.
    const again = await raw(`/${launch.search}`);
    expect(again.status).toBe(401);
    expect(again.body).toContain('has been used already');
    // The browser that used it only loses it from its address bar.
    const same = await raw(`/${launch.search}`, { headers: { cookie: session } });
    expect(same.status).toBe(303);
    expect(same.headers['set-cookie']).toBeUndefined();
    // A cookie of another run (another name) or a made-up value is nothing.
    expect((await raw('/', { headers: { cookie: `desk_run_000000000000=${session.split('=')[1]}` } })).status).toBe(401);
    expect((await raw('/', { headers: { cookie: `${session.split('=')[0]}=made-up` } })).status).toBe(401);
  });

  it('mints another one-time link only for the API token', async () => {
    expect((await raw('/launch', { method: 'POST', headers: { 'x-desk-token': 'nope' } })).status).toBe(401);
    const minted = await raw('/launch', { method: 'POST', headers: { 'x-desk-token': server.token } });
    const link = new URL(JSON.parse(minted.body).launchUrl as string);
    expect((await raw(`/${link.search}`)).status).toBe(303);
    expect((await raw(`/${link.search}`)).status).toBe(401);
  });

  it('serves calls with the token, as typed results', async () => {
    const res = await raw('/rpc/managers.list', { method: 'POST', headers: { 'x-desk-token': server.token, host: host() }, body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: [] });
    const bad = await raw('/rpc/managers.add', { method: 'POST', headers: { 'x-desk-token': server.token }, body: '{"name":""}' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('tells the back end a page loads when it serves the document, not its assets or calls', async () => {
    const headers = { 'x-desk-token': server.token, host: host() };
    const before = pageLoads;
    await raw('/rpc/managers.list', { method: 'POST', headers, body: '{}' });
    await raw('/assets/missing.js', { headers });
    expect(pageLoads).toBe(before);
    expect((await raw('/', { headers })).status).toBe(200);
    await new Promise((r) => setImmediate(r));
    expect(pageLoads).toBe(before + 1);
  });

  it('refuses a foreign Origin or Host even with the token (CSRF, DNS rebinding)', async () => {
    const origin = await raw('/rpc/managers.list', { method: 'POST', headers: { 'x-desk-token': server.token, origin: 'https://evil.example' }, body: '{}' });
    expect(origin.status).toBe(401);
    const rebound = await raw('/rpc/managers.list', { method: 'POST', headers: { 'x-desk-token': server.token, host: 'evil.example' }, body: '{}' });
    expect(rebound.status).toBe(401);
    const same = await raw('/rpc/managers.list', { method: 'POST', headers: { 'x-desk-token': server.token, origin: `http://${host()}` }, body: '{}' });
    expect(same.status).toBe(200);
  });

  it('requires the token on the event socket and pushes events to it', async () => {
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://${host()}/events`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);
    const ws = new WebSocket(`ws://${host()}/events`, { headers: { 'x-desk-token': server.token } });
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<string>((r) => ws.on('message', (m) => r(String(m))));
    for (const l of listeners) l('managers.changed', {});
    expect(JSON.parse(await got)).toEqual({ event: 'managers.changed', payload: {} });
    ws.close();
  });

  it('answers calls on the event socket through the same checks as a POST, and closes on anything else', async () => {
    const ws = new WebSocket(`ws://${host()}/events`, { headers: { 'x-desk-token': server.token } });
    await new Promise((r) => ws.on('open', r));
    const answers: unknown[] = [];
    ws.on('message', (m) => answers.push(JSON.parse(String(m))));
    ws.send(JSON.stringify({ id: 1, call: 'managers.list', input: {} }));
    ws.send(JSON.stringify({ id: 2, call: 'managers.add', input: { name: '' } }));
    ws.send(JSON.stringify({ id: 3, call: 'no.such', input: {} }));
    await expect.poll(() => answers.length).toBe(3);
    expect(answers).toContainEqual({ id: 1, result: { ok: true, value: [] } });
    expect(answers).toContainEqual({ id: 2, result: expect.objectContaining({ ok: false, code: 'invalid_input' }) });
    expect(answers).toContainEqual({ id: 3, result: expect.objectContaining({ ok: false, message: 'Unknown call "no.such"' }) });
    const closed = new Promise<number>((r) => ws.on('close', r));
    ws.send('{"event":"not a call"}');
    expect(await closed).toBe(1008);
  });
});

describe('the web transport while the back end loads', () => {
  const start = async (backend: Promise<TransportHost>) => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-static-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>desk</title>');
    return startWebServer({ backend, staticDir: dir, token: 'test-token-0123456789' });
  };
  const rpc = (s: WebServer) => raw('/rpc/managers.list', { method: 'POST', headers: { 'x-desk-token': s.token }, body: '{}', port: s.port });

  it('serves the page at once, and answers a call as soon as the back end is up', async () => {
    let up!: (b: TransportHost) => void;
    const s = await start(new Promise((resolve) => (up = resolve)));
    try {
      const page = await raw(`/?token=${new URL(s.launchUrl).searchParams.get('token')}`, { port: s.port });
      expect(page.status).toBe(303);
      let answered = false;
      const call = rpc(s).then((r) => ((answered = true), r));
      await new Promise((r) => setTimeout(r, 50));
      expect(answered).toBe(false);
      up(backend);
      const res = await call;
      expect(JSON.parse(res.body)).toEqual({ ok: true, value: [] });
    } finally {
      await s.close();
    }
  });

  it('answers calls with a 503 that says so when the back end could not start', async () => {
    const s = await start(Promise.reject(new Error('data directory not writable')));
    try {
      const res = await rpc(s);
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, message: expect.stringMatching(/^The back end could not start/) });
    } finally {
      await s.close();
    }
  });
});
