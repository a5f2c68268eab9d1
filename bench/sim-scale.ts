/**
 * `npm run bench:sim`: how the simulator holds up at scale. Seeds 10 managers × 10,000 preheat jobs
 * and times list calls over HTTP: the newest page, a deep page, the PENDING filter, one job.
 */
import { request } from 'undici';
import { seedInventory, seedJobs } from '../tools/manager-sim/seed';
import { Simulator } from '../tools/manager-sim/simulator';
import { run } from './lib/measure';
import { Report } from './lib/report';

/** `runs` timed calls after one warm-up call. */
async function time(url: string, token: string, runs = 20): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const res = await request(url, { headers: { authorization: `Bearer ${token}` } });
    await res.body.arrayBuffer();
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    if (i > 0) out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  const report = new Report('bench:sim');
  const sim = new Simulator();
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) {
    const m = await sim.addManager(`m${i}`);
    seedInventory(m, { net: i + 1, clusters: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
    seedJobs(m, { count: 10_000, spanMs: 6 * 3600_000, seed: i + 1 });
  }
  report.value('seeding 10 managers × 10,000 jobs', performance.now() - t0, 'ms');
  const m = sim.get('m0');
  const signin = await request(`${m.url}/api/v1/users/signin`, { method: 'POST', body: JSON.stringify({ name: 'root', password: 'dragonfly' }) });
  const { token } = (await signin.body.json()) as { token: string };
  for (const [label, path] of [
    ['newest page (per_page=100)', '/api/v1/jobs?type=preheat&per_page=100'],
    ['page 90 (per_page=100)', '/api/v1/jobs?type=preheat&per_page=100&page=90'],
    ['total via per_page=1', '/api/v1/jobs?type=preheat&per_page=1'],
    ['state=PENDING (per_page=100)', '/api/v1/jobs?type=preheat&state=PENDING&per_page=100'],
    ['one job', '/api/v1/jobs/5000'],
  ] as const) {
    const xs = await time(`${m.url}${path}`, token);
    report.samples(label, xs, 'ms');
  }
  await sim.close();
  report.finish();
}

run(main);
