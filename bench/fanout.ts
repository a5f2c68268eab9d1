/**
 * `npm run bench:fanout`: one spec submitted to 50 clusters spread over 10 simulated managers, each
 * cluster limited to 10 creates/s; then a burst of 20 such submissions at once. Reports wall time
 * against the slowest single create, the 429s taken, and duplicate jobs (which must be 0).
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

  const t0 = performance.now();
  const one = await finish(await submit('single'));
  const wall = performance.now() - t0;
  const createTimes = one.targets.map((t) => {
    const sent = t.log.filter((l) => l.text.startsWith('Sending')).at(-1)!;
    const done = t.log.at(-1)!;
    return Date.parse(done.at) - Date.parse(sent.at);
  });
  console.log(`one spec → 50 clusters on 10 managers: ${one.targets.filter((t) => t.state === 'created').length}/10 managers created, wall ${wall.toFixed(0)} ms, slowest single create ${Math.max(...createTimes)} ms (manager latency ${LATENCY_MS} ms)`);
  console.log(`  429s: ${one.targets.reduce((n, t) => n + t.rateLimited, 0)}`);

  const t1 = performance.now();
  const burst = await Promise.all(Array.from({ length: 20 }, async (_, i) => finish(await submit(`burst-${i}`))));
  const burstWall = performance.now() - t1;
  const created = burst.flatMap((b) => b.targets).filter((t) => t.state === 'created').length;
  console.log(`burst of 20 submissions (200 creates, 20 per cluster at 10/s): ${created}/200 created in ${burstWall.toFixed(0)} ms, 429s: ${burst.flatMap((b) => b.targets).reduce((n, t) => n + t.rateLimited, 0)}`);

  let duplicates = 0;
  for (const m of sim.managers.values()) {
    const count = new Map<string, number>();
    for (const j of m.jobs.values()) count.set(j.bio, (count.get(j.bio) ?? 0) + 1);
    for (const n of count.values()) duplicates += n - 1;
  }
  console.log(`duplicate jobs across all managers: ${duplicates}`);
  await outbox.dispose();
  await registry.dispose();
  await sim.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
