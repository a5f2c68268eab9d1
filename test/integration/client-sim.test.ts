import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagerClient } from '../../src/main/manager-client/client';
import { draftCredentials } from '../../src/main/managers/credentials';
import { DeskError } from '../../src/shared/result';
import type { Simulator } from '../../tools/manager-sim/simulator';
import type { SimManager } from '../../tools/manager-sim/manager';
import { noFaults } from '../../tools/manager-sim/faults';
import { startSim } from '../helpers/sim';

let sim: Simulator;
let m: SimManager;
const PAT = 'c2ltLXBhdC1mb3ItY2xpZW50LXRlc3RzLTAwMDAwMDAwMDAwMDAw';

const jwtClient = (password = 'dragonfly', timeoutMs?: number) =>
  new ManagerClient({ name: 'sim-eu', baseUrl: m.url, caCert: null, skipTlsVerify: false }, { kind: 'password', username: 'root' }, draftCredentials({ password }), Date.now, timeoutMs);
const patClient = (token = PAT) =>
  new ManagerClient({ name: 'sim-eu', baseUrl: m.url, caCert: null, skipTlsVerify: false }, { kind: 'pat' }, draftCredentials({ pat: token }));

async function failure(p: Promise<unknown>): Promise<DeskError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DeskError);
    return err as DeskError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  sim = await startSim([{ name: 'eu', jobs: 37 }]);
  m = sim.get('eu');
  m.addPat({ token: PAT });
});
afterAll(() => sim.close());

describe('manager client against the simulator over HTTP', () => {
  it('signs in with a password and reads jobs newest first, following Link to the end', async () => {
    const c = jwtClient();
    const first = await c.listJobs({ page: 1, perPage: 10 });
    expect(first.lastPage).toBe(4);
    expect(first.jobs).toHaveLength(10);
    const all = await c.listAllJobs({ perPage: 10 });
    expect(all).toHaveLength(37);
    const created = all.map((j) => Date.parse(j.created_at));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(await c.countJobs()).toBe(37);
    expect(m.requestLog.filter((r) => r.path === '/api/v1/users/signin')).toHaveLength(1);
  });

  it('leaves the jobs the caller knows as they are, by id and updated_at, and reads the rest', async () => {
    const c = jwtClient();
    const first = await c.listJobs({ page: 1, perPage: 10 });
    expect(first.unchanged).toEqual([]);
    // The caller knows half of them as they are now, and one more with an older updated_at.
    const seen = new Map(first.jobs.slice(0, 5).map((j) => [j.id, j.updated_at]));
    seen.set(first.jobs[5]!.id, '2000-01-01T00:00:00Z');
    const again = await c.listJobs({ page: 1, perPage: 10 }, (id, at) => seen.get(id) === at);
    expect(again.unchanged).toEqual(first.jobs.slice(0, 5).map((j) => ({ id: j.id, createdAt: j.created_at })));
    expect(again.jobs).toEqual(first.jobs.slice(5));
    expect(again.lastPage).toBe(4);
  });

  it('reads through the open API with a PAT', async () => {
    const c = patClient();
    expect((await c.listJobs({ page: 1, perPage: 5 })).jobs).toHaveLength(5);
    expect((await c.listClusters()).map((x) => x.name)).toEqual(['eu-a', 'eu-b']);
    await expect(c.listSchedulers()).rejects.toThrow(/personal access token cannot list schedulers/);
  });

  it('gets one job with its targeted clusters, and a clear 404 for a missing one', async () => {
    const c = jwtClient();
    const newest = (await c.listJobs({ page: 1, perPage: 1 })).jobs[0]!;
    const job = await c.getJob(newest.id);
    expect(job.scheduler_clusters.length).toBeGreaterThan(0);
    const e = await failure(c.getJob(99999));
    expect(e.code).toBe('manager_not_found');
    expect(e.message).toBe('sim-eu: record not found (404)');
  });

  it('names the manager when the password is wrong', async () => {
    const e = await failure(jwtClient('wrong-password').listJobs({ page: 1, perPage: 1 }));
    expect(e.message).toBe('sim-eu rejected the username or password (401 Unauthorized)');
  });

  it('explains unknown, inactive and out-of-scope tokens', async () => {
    expect((await failure(patClient('bm9wZQ').listJobs({ page: 1, perPage: 1 }))).message).toBe(
      'sim-eu does not know this personal access token (401 Unauthorized)',
    );
    m.addPat({ token: 'aW5hY3RpdmU', state: 'inactive' });
    expect((await failure(patClient('aW5hY3RpdmU').listJobs({ page: 1, perPage: 1 }))).code).toBe('forbidden');
    m.addPat({ token: 'Y2x1c3Rlci1vbmx5', scopes: ['cluster'] });
    expect((await failure(patClient('Y2x1c3Rlci1vbmx5').listJobs({ page: 1, perPage: 1 }))).message).toContain('lacks the "job" scope');
  });

  it('signs in again once when the session token stops working', async () => {
    const c = jwtClient();
    await c.listJobs({ page: 1, perPage: 1 });
    const before = m.requestLog.filter((r) => r.path === '/api/v1/users/signin').length;
    m.expireTokens();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await c.listJobs({ page: 1, perPage: 1 })).jobs).toHaveLength(1);
    expect(m.requestLog.filter((r) => r.path === '/api/v1/users/signin').length).toBe(before + 1);
  });

  it('reads a 301 as a missing endpoint', async () => {
    const e = await failure(jwtClient().call({ method: 'GET', path: '/api/v1/no-such-thing' }));
    expect(e.code).toBe('endpoint_missing');
  });

  describe('faults', () => {
    const withFaults = async (faults: Partial<typeof m.faults>, fn: () => Promise<void>) => {
      m.faults = { ...noFaults(), ...faults };
      try {
        await fn();
      } finally {
        m.faults = noFaults();
      }
    };

    it('5xx with an HTML body', () =>
      withFaults({ status5xx: 502 }, async () => {
        const e = await failure(patClient().listJobs({ page: 1, perPage: 1 }));
        expect(e.message).toBe('sim-eu failed: an HTML page instead of an API answer (502)');
      }));

    it('connection reset before the answer and in the middle of the body', async () => {
      await withFaults({ reset: 'before-response' }, async () => {
        expect((await failure(patClient().listJobs({ page: 1, perPage: 1 }))).code).toBe('unreachable');
      });
      await withFaults({ reset: 'mid-body' }, async () => {
        const e = await failure(patClient().listJobs({ page: 1, perPage: 5 }));
        expect(e.code).toBe('unreachable');
        expect(e.message).toMatch(/^sim-eu is unreachable at /);
      });
    });

    it('malformed and truncated JSON are bad answers, not crashes', async () => {
      await withFaults({ malformed: 'invalid' }, async () => {
        expect((await failure(patClient().listJobs({ page: 1, perPage: 1 }))).message).toBe('sim-eu answered the job list with a body that is not JSON');
      });
      await withFaults({ malformed: 'truncated' }, async () => {
        expect((await failure(patClient().listJobs({ page: 1, perPage: 3 }))).code).toBe('bad_response');
      });
    });

    it('a slow manager times out with its name', () =>
      withFaults({ latencyMs: 1500 }, async () => {
        const e = await failure(jwtClient('dragonfly', 500).listJobs({ page: 1, perPage: 1 }));
        expect(e.code).toBe('timeout');
        expect(e.message).toBe('sim-eu did not answer within 1 s');
      }));

    it('a manager that is down is unreachable: connection refused', async () => {
      await m.stop();
      try {
        const e = await failure(patClient().listJobs({ page: 1, perPage: 1 }));
        expect(e.message).toBe(`sim-eu is unreachable at ${m.url}: connection refused`);
      } finally {
        await m.start();
      }
    });
  });
});
