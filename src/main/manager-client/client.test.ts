import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { draftCredentials } from '../managers/credentials';
import { ManagerClient } from './client';

// What the real v2.5.1 manager answered when two logins listed its seed peers at the same moment.
const MIXUP = '{"message":"json: cannot unmarshal number into Go struct field Query[interface {}].Dest of type []models.SeedPeer"}';
const SEED_PEER = { id: 1, host_name: 'seed-1', ip: '10.0.0.1', port: 65006, download_port: 65002, type: 'super', state: 'active', seed_peer_cluster_id: 1 };

let server: Server;
let baseUrl: string;
const answers: { status: number; body: string }[] = [];
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    const a = answers.shift() ?? { status: 200, body: JSON.stringify([SEED_PEER]) };
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = () =>
  new ManagerClient({ name: 'prod-eu', baseUrl, caCert: null, skipTlsVerify: false }, { kind: 'password', username: 'root' }, {
    ...draftCredentials({ password: 'unused' }),
    // A session that is already valid: these tests are about the list call, not the sign-in.
    loadSession: async () => ({ token: 'a.b.c', expiresAt: new Date(Date.now() + 86400_000).toISOString(), origIat: Math.floor(Date.now() / 1000), userId: 1 }),
  });

it("asks again when the manager's query cache hands a list the wrong result, and gets the list", async () => {
  requests = 0;
  answers.push({ status: 500, body: MIXUP });
  const peers = await client().listSeedPeers();
  expect(peers.map((p) => p.host_name)).toEqual(['seed-1']);
  expect(requests).toBe(2);
});

it('does not hide any other 500: the error names the manager and keeps its text', async () => {
  requests = 0;
  answers.push({ status: 500, body: '{"message":"Error 1040: Too many connections"}' });
  await expect(client().listSeedPeers()).rejects.toThrow('prod-eu failed: Error 1040: Too many connections (500)');
  expect(requests).toBe(1);
});
