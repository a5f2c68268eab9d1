/**
 * `npm run bench:fanout`: one spec submitted to 50 clusters spread over 10 simulated managers, each
 * cluster limited to 10 creates/s; then a burst of 20 such submissions at once. Reports wall time
 * against the slowest single create, the 429s taken, and duplicate jobs (which must be 0). Each is
 * repeated five times after a warm-up.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobStack } from '../test/helpers/job-stack';
import { ManagerRegistry } from '../src/main/managers/registry';
import { ImageRegistryPasswords } from '../src/main/preheats/image-registry-passwords';
import { Outbox } from '../src/main/preheats/outbox/outbox';
import { MemoryStore } from '../src/main/secrets/memory-store';
import type { SubmissionView } from '../src/shared/models';
import { emptySpec } from '../src/shared/preheat-spec';
import { seedInventory } from '../tools/manager-sim/seed';
import { Simulator } from '../tools/manager-sim/simulator';
import { repeat, run } from './lib/measure';
import { Report } from './lib/report';

const LATENCY_MS = 25;

async function main() {
  const sim = new Simulator();
  const secrets = new MemoryStore();
  const dir = mkdtempSync(join(tmpdir(), 'desk-fanout-'));
  const registry = new ManagerRegistry({ dataDir: dir, secrets });
  await registry.load();
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const m = await sim.addManager(`m${i}`);
    seedInventory(m, { net: i + 1, clusters: Array.from({ length: 5 }, (_, c) => ({ name: `m${i}-c${c}`, jobRateLimit: 10 })) });
    m.faults.latencyMs = LATENCY_MS;
    ids.push((await registry.add({ name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id);
  }
  const views = new Map<string, SubmissionView>();
  const { jobs, catalog } = await createJobStack({ dir, registry });
  await catalog.list();
  const outbox = new Outbox({ dataDir: dir, managers: registry, catalog, jobs, passwords: new ImageRegistryPasswords(secrets), secrets, onUpdate: (v) => void views.set(v.id, v) });
  const submit = async (description: string) => (await outbox.submit(spec(description), { rememberPassword: false, ifUnreachable: 'queue' })).id;
  const spec = (description: string) => {
    const s = emptySpec('file');
    s.description = description;
    s.files = [`https://files.example.com/${description}.bin`];
    s.targets = ids.map((managerId) => ({ managerId, clusterIds: [1, 2, 3, 4, 5] }));
    return s;
  };
  const finish = async (id: string) => {
    while (!views.get(id)?.done) await new Promise((r) => setTimeout(r, 5));
    return views.get(id)!;
  };
  // Sign in everywhere first, so the timing is about creating.
  await Promise.all(ids.map(async (id) => (await registry.client(id)).listJobs({ page: 1, perPage: 1 })));

  const report = new Report('bench:fanout');
  let n = 0;
  let oneRateLimited = 0;
  const slowest: number[] = [];
  const single = await repeat(5, async () => {
    const one = await finish(await submit(`single-${n++}`));
    if (one.targets.some((t) => t.state !== 'created')) throw new Error('a single submission did not create on every manager');
    oneRateLimited += one.targets.reduce((k, t) => k + t.rateLimited, 0);
    slowest.push(
      Math.max(
        ...one.targets.map((t) => {
          const sent = t.log.filter((l) => l.text.startsWith('Sending')).at(-1)!;
          return Date.parse(t.log.at(-1)!.at) - Date.parse(sent.at);
        }),
      ),
    );
  });
  report.samples('one spec → 50 clusters on 10 managers, wall time', single, 'ms', { note: `manager latency ${LATENCY_MS} ms` });
  report.samples('  the slowest single create within it', slowest.slice(1), 'ms');
  report.value('  429s over those submissions', oneRateLimited, '429s');

  let burstRateLimited = 0;
  let notCreated = 0;
  const bursts = await repeat(5, async () => {
    const burst = await Promise.all(Array.from({ length: 20 }, async () => finish(await submit(`burst-${n++}`))));
    notCreated += burst.flatMap((b) => b.targets).filter((t) => t.state !== 'created').length;
    burstRateLimited += burst.flatMap((b) => b.targets).reduce((k, t) => k + t.rateLimited, 0);
  });
  report.samples('burst of 20 submissions at once (200 creates, 20 per cluster at 10/s), wall time', bursts, 'ms');
  report.value('  burst creates that did not succeed', notCreated, 'creates', { goal: 0 });
  report.value('  429s over the bursts', burstRateLimited, '429s');

  let duplicates = 0;
  for (const m of sim.managers.values()) {
    const count = new Map<string, number>();
    for (const j of m.jobs.values()) count.set(j.bio, (count.get(j.bio) ?? 0) + 1);
    for (const n of count.values()) duplicates += n - 1;
  }
  report.value('duplicate jobs across all managers', duplicates, 'jobs', { goal: 0 });
  report.finish();
  await outbox.dispose();
  await registry.dispose();
  await sim.close();
}

run(main);
