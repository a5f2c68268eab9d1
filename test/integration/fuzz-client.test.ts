import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagerClient } from '../../src/main/manager-client/client';
import { draftCredentials } from '../../src/main/managers/credentials';
import { DeskError } from '../../src/shared/result';

/**
 * Every manager-client call gets arbitrary and malformed answers: it returns a value that fits the
 * manager API, or rejects with a DeskError that names the manager, and the field when JSON did not fit.
 */
const NAME = 'fuzzed-manager';
let server: Server;
let url = '';
let next: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '[]' };
const jwt = (() => {
  const b = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b({ alg: 'HS256' })}.${b({ id: 1, exp: Math.floor(Date.now() / 1000) + 86400, orig_iat: Math.floor(Date.now() / 1000) })}.c2ln`;
})();

const job = JSON.parse(readFileSync(join(__dirname, '../fixtures/jobs/success-partial.json'), 'utf8')) as Record<string, unknown>;

/** A real answer with one field, anywhere in it, replaced by something arbitrary. */
const mutated = (base: unknown) =>
  fc.tuple(fc.nat(), fc.jsonValue()).map(([pick, value]) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      if (path.length) paths.push(path);
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
    };
    walk(copy, []);
    const path = paths[pick % paths.length]!;
    let target = copy as Record<string | number, unknown>;
    for (const p of path.slice(0, -1)) target = target[p] as Record<string | number, unknown>;
    target[path.at(-1)!] = value;
    return JSON.stringify(copy);
  });

const answers = fc.record({
  status: fc.constantFrom(200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503),
  type: fc.constantFrom('application/json', 'text/html', 'text/plain'),
  body: fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string(),
    mutated(job),
    mutated([job]),
    fc.constant(JSON.stringify(job).slice(0, 40)),
    fc.constant(''),
  ),
});

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/api/v1/users/signin')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: jwt, expire: new Date(Date.now() + 86400_000).toISOString() }));
        return;
      }
      res.writeHead(next.status, { 'content-type': next.type }).end(next.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const endpoint = () => ({ name: NAME, baseUrl: url, caCert: null, skipTlsVerify: false });
const calls: [string, (c: ManagerClient) => Promise<unknown>][] = [
  ['healthy', (c) => c.healthy()],
  ['listJobs', (c) => c.listJobs({ page: 1, perPage: 10 })],
  ['listJobItems', (c) => c.listJobItems({ page: 1, perPage: 10 })],
  ['countJobs', (c) => c.countJobs()],
  ['getJob', (c) => c.getJob(7)],
  ['createJob', (c) => c.createJob({ type: 'preheat', args: { type: 'file', urls: ['https://f/x'] } }, 2000)],
  ['listClusters', (c) => c.listClusters()],
  ['listSchedulers', (c) => c.listSchedulers()],
  ['listSeedPeers', (c) => c.listSeedPeers()],
  ['listPeers', (c) => c.listPeers(1)],
  ['probePeers', (c) => c.probePeers({ scheduler_cluster_id: 1, state: 'active' })],
  ['roles', (c) => c.roles(1)],
  ['userName', (c) => c.userName(1)],
];

describe('the manager client under arbitrary answers', () => {
  it.each(calls)('%s fits the API or says what did not, naming the manager', async (_name, run) => {
    const client = new ManagerClient(endpoint(), { kind: 'password', username: 'root' }, draftCredentials({ password: 'dragonfly' }), Date.now, 3000);
    try {
      await fc.assert(
        fc.asyncProperty(answers, async (answer) => {
          next = answer;
          try {
            await run(client);
          } catch (err) {
            expect(err).toBeInstanceOf(DeskError);
            const e = err as DeskError;
            expect(e.message).toContain(NAME);
            if (e.code === 'bad_response' && e.message.includes('does not fit')) expect(e.details?.field).toBeTruthy();
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      await client.close();
    }
  });
});
