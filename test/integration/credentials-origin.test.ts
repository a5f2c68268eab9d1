import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { dispatch } from '../../src/main/transports/dispatch';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { startSim } from '../helpers/sim';

/** A stored password is bound to the address it was entered for: it never follows an edited URL. */
let sim: Simulator;
let backend: Backend;
let listener: Server;
let listenerUrl = '';
const received: string[] = [];
let id = '';

const call = (name: string, input: unknown) => dispatch(backend.handlers, name, input) as Promise<{ ok: boolean; value?: any; message?: string; details?: any }>;

beforeAll(async () => {
  sim = await startSim([{ name: 'eu', jobs: 3 }]);
  backend = await createBackend({ dataDir: mkdtempSync(join(tmpdir(), 'desk-origin-')), keychain: null, transport: 'web', version: 'test', watch: { busyMs: 60_000, idleMs: 60_000 } });
  // Somebody else's server: anything that reaches it is a leak.
  listener = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${body}`);
      // Healthy, so the app goes on to sign in: that is where a stored password would leak.
      if (req.url === '/healthy') res.writeHead(200, { 'content-type': 'application/json' }).end('"OK"');
      else res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"no"}');
    });
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  const added = await call('managers.add', { name: 'prod-eu', baseUrl: sim.get('eu').url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
  id = added.value.id;
});

afterAll(async () => {
  await backend.dispose();
  await sim.close();
  await new Promise((r) => listener.close(r));
});

describe('credentials bound to the origin', () => {
  it('a test of a saved manager against another address never sends its stored password there', async () => {
    const res = await call('managers.test', { id, input: { name: 'prod-eu', baseUrl: listenerUrl, auth: { kind: 'password', username: 'root' } } });
    expect(res.ok).toBe(true);
    expect(res.value.credentials?.ok ?? false).toBe(false);
    expect(received.join('\n')).not.toContain('dragonfly');
  });

  it('editing the address to another origin requires the password again, and says why on its field', async () => {
    const res = await call('managers.update', { id, input: { name: 'prod-eu', baseUrl: listenerUrl, auth: { kind: 'password', username: 'root' } } });
    expect(res.ok).toBe(false);
    expect(res.details?.field).toBe('auth.password');
    expect(res.message).toContain(`to ${listenerUrl}: enter the password again`);
    expect(received.join('\n')).not.toContain('dragonfly');
  });

  it('another user at the same address needs that user’s password', async () => {
    const res = await call('managers.update', { id, input: { name: 'prod-eu', baseUrl: sim.get('eu').url, auth: { kind: 'password', username: 'ops' } } });
    expect(res.ok).toBe(false);
    expect(res.message).toContain("enter that user's password");
  });

  it('a path-only change at the same origin keeps the stored password working', async () => {
    const res = await call('managers.update', { id, input: { name: 'prod-eu', baseUrl: `${sim.get('eu').url}/`, auth: { kind: 'password', username: 'root' } } });
    expect(res.ok).toBe(true);
    const check = await call('managers.test', { id });
    expect(check.value.credentials.ok).toBe(true);
  });

  it('with the new password given, the address moves and the old one is gone', async () => {
    const res = await call('managers.update', { id, input: { name: 'prod-eu', baseUrl: listenerUrl, auth: { kind: 'password', username: 'root', password: 'another-pw-1' } } });
    expect(res.ok).toBe(true);
    expect(await backend.services.secrets.get(`manager:${id}:password`)).toBe('another-pw-1');
  });
});
