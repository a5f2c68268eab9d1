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

// What the real v2.5.1 manager answered GET /api/v1/jobs/5 with, 3 ms after creating job 5: its poller's
// first update of the job, through the query cache.
const RACED = '{"id":0,"created_at":"0001-01-01T00:00:00Z","updated_at":"0001-01-01T00:00:00Z","is_del":0,"task_id":"","bio":"","type":"","state":"PENDING","args":null,"result":{"created_at":"2026-11-30T22:00:45.508375801Z","group_uuid":"group_f3c9","job_states":[{"created_at":"2026-11-30T22:00:45.508375801Z","error":"","results":null,"state":"PENDING","task_name":"preheat","task_uuid":"task_cb25","ttl":0}],"state":"PENDING","updated_at":"2026-11-30T22:00:45.512796704Z"},"user_id":0,"seed_peer_clusters":null,"scheduler_clusters":null}';
const JOB_5 = JSON.stringify({ ...JSON.parse(RACED), id: 5, created_at: '2026-11-30T22:00:45Z', updated_at: '2026-11-30T22:00:45Z', type: 'preheat', args: { type: 'file', url: 'https://f/x', timeout: 3600123456789 } });

it('reads a job again when the manager answers with another job (its poller racing the read), and gets the job', async () => {
  requests = 0;
  answers.push({ status: 200, body: RACED }, { status: 200, body: JOB_5 });
  const job = await client().getJob(5);
  expect(job.id).toBe(5);
  expect(job.args?.timeout).toBe(3600123456789);
  expect(requests).toBe(2);
});

it('never takes another job for the one asked: twice wrong is an error naming both', async () => {
  requests = 0;
  answers.push({ status: 200, body: RACED }, { status: 200, body: RACED });
  await expect(client().getJob(5)).rejects.toThrow('prod-eu sent back another job (#0) when asked for job #5, twice: its query cache mixed up two reads. Try again in a moment.');
  expect(requests).toBe(2);
});
