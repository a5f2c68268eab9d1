import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from './clock';
import { SimManager } from './manager';
import { seedJobs } from './seed';

let m: SimManager | null = null;
afterEach(async () => {
  await m?.stop();
  m = null;
});

/** One connection per request: a restart closes the server's sockets, and a kept-alive one would race it. */
async function call(url: string, opts: { method?: 'GET' | 'POST'; token?: string; body?: unknown } = {}) {
  const res = await request(url, {
    method: opts.method ?? 'GET',
    reset: true,
    headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.statusCode, json: () => res.body.json() as Promise<any> };
}

async function manager() {
  m = new SimManager({ name: 't', clock: new SimClock() });
  m.addScheduler({ clusterId: 1, hostName: 's', ip: '127.0.0.1' });
  await m.start();
  const token = ((await (await call(`${m.url}/api/v1/users/signin`, { method: 'POST', body: { name: 'root', password: 'dragonfly' } })).json()) as { token: string }).token;
  const create = () =>
    call(`${m!.url}/api/v1/jobs`, { method: 'POST', token, body: { type: 'preheat', args: { type: 'file', url: 'http://x/y' }, scheduler_cluster_ids: [1] } });
  return { m, token, create };
}

describe('simulated manager', () => {
  it('rate-limits creates per cluster like GCRA: a burst of job_rate_limit, then one slot per 1/limit s', async () => {
    const { create, m } = await manager();
    m.clock.freeze();
    const burst = await Promise.all(Array.from({ length: 12 }, create));
    expect(burst.filter((r) => r.status === 429)).toHaveLength(2);
    m.clock.advance(100);
    expect((await create()).status).toBe(200);
    expect((await create()).status).toBe(429);
  });

  it('deletes jobs 6 to 9 hours after creation (GC every 3 h, TTL 6 h)', async () => {
    const { m } = await manager();
    m.clock.freeze();
    seedJobs(m, { count: 90, spanMs: 9 * 3600_000, seed: 1 });
    const oldestAge = () => m.clock.now() - Math.min(...[...m.jobs.values()].map((j) => j.createdAt));
    m.clock.advance(3 * 3600_000);
    m.runDueGc();
    expect(oldestAge()).toBeLessThanOrEqual(6 * 3600_000);
    expect(oldestAge()).toBeGreaterThan(5.8 * 3600_000);
    // Until the next pass, 3 h later, jobs grow older than 6 h but never past 9 h.
    m.clock.advance(3 * 3600_000 - 60_000);
    m.runDueGc();
    expect(oldestAge()).toBeGreaterThan(8.8 * 3600_000);
    m.clock.advance(60_000);
    m.runDueGc();
    expect(oldestAge()).toBeLessThanOrEqual(6 * 3600_000);
  });

  it('a restart leaves pending jobs pending for good', async () => {
    const { create, m, token } = await manager();
    const created = (await (await create()).json()) as { id: number };
    await m.restart();
    m.clock.advance(4 * 3600_000);
    const job = (await (await call(`${m.url}/api/v1/jobs/${created.id}`, { token })).json()) as { state: string };
    expect(job.state).toBe('PENDING');
  });

  it('seeds 100,000 jobs across ten managers', () => {
    const clock = new SimClock();
    const managers = Array.from({ length: 10 }, (_, i) => new SimManager({ name: `m${i}`, clock }));
    for (const [i, sm] of managers.entries()) seedJobs(sm, { count: 10_000, spanMs: 6 * 3600_000, seed: i });
    expect(managers.reduce((a, sm) => a + sm.jobs.size, 0)).toBe(100_000);
  });
});
