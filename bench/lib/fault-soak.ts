import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { ImageRegistryPasswords } from '../../src/main/preheats/image-registry-passwords';
import { Outbox } from '../../src/main/preheats/outbox/outbox';
import { OutboxSubmission } from '../../src/main/preheats/outbox/outbox-file';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import type { SubmissionView } from '../../src/shared/models';
import { DEFAULT_TIMEOUT_NS, emptySpec, markerOfTimeout } from '../../src/shared/preheat-spec';
import { seeded, type RandomFault } from '../../tools/manager-sim/faults';
import type { SimJob } from '../../tools/manager-sim/model';
import { seedInventory } from '../../tools/manager-sim/seed';
import { Simulator } from '../../tools/manager-sim/simulator';
import { createJobStack } from '../../test/helpers/job-stack';

export interface FaultSoakReport {
  submissions: number;
  parts: number;
  /** Created by the outbox on its own, and after the operator sent an `unknown` part again. */
  created: number;
  createdAfterOperator: number;
  /** Parts still not created after the operator's rounds (should be none), refused, cancelled. */
  notCreated: number;
  /** What the parts not created ended as (refused, queued, unknown…). */
  notCreatedStates: Record<string, number>;
  operatorRetries: number;
  /** Identical preheats made on the managers by "someone else" meanwhile. */
  othersJobs: number;
  faults: Record<RandomFault, number>;
  /** Parts with more than one job carrying their marker, and parts whose job is not theirs. */
  duplicates: number;
  falseClaims: number;
  /** Parts with a created job but another count than exactly one. */
  notExactlyOnce: number;
  maxSends: number;
  seconds: number;
}

/**
 * Submissions through the outbox against simulated managers that fail at random: connections reset
 * before or after the create is handled, answers slower than the client waits, a proxy's 502, 429s;
 * and colleagues create identical preheats in between. Whatever ends `unknown` is sent again, as an
 * operator would after checking. Every part is then checked against the managers' own jobs.
 */
export async function runFaultSoak(opts: { submissions: number; seed: number; rate?: number; concurrency?: number }): Promise<FaultSoakReport> {
  const started = Date.now();
  const random = seeded(opts.seed);
  const sim = new Simulator();
  const secrets = new MemoryStore();
  const dir = mkdtempSync(join(tmpdir(), 'desk-fault-soak-'));
  const registry = new ManagerRegistry({ dataDir: dir, secrets });
  await registry.load();
  const names = ['soak-a', 'soak-b', 'soak-c'];
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const m = await sim.addManager(name);
    seedInventory(m, { net: i + 1, clusters: [{ name: `${name}-1` }, { name: `${name}-2` }] });
    for (const c of m.clusters) c.jobRateLimit = 200;
    ids.push((await registry.add({ name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id);
  }
  const stack = await createJobStack({ dir, registry });
  const { catalog } = stack;
  await catalog.list(true);
  const views = new Map<string, SubmissionView>();
  const outbox = new Outbox({
    dataDir: dir,
    managers: registry,
    catalog,
    jobs: stack.jobs,
    passwords: new ImageRegistryPasswords(secrets),
    secrets,
    onUpdate: (v) => void views.set(v.id, v),
    createTimeoutMs: 300,
    reconcileBoundMs: 900,
    recheckMs: 60,
  });
  // Faults only now: setting the managers up is not part of the soak.
  const kinds: RandomFault[] = ['reset-before', 'reset-after', 'slow', 'proxy-5xx', 'rate-limited'];
  for (const [i, name] of names.entries()) {
    sim.get(name).faults = { ...sim.get(name).faults, pathPrefix: '/api/v1/jobs', random: { rate: opts.rate ?? 0.3, kinds, slowMs: 450, seed: opts.seed * 31 + i } };
  }
  // The watcher's part: it tells the outbox when a manager answers.
  const ticking = setInterval(() => ids.forEach((id) => outbox.managerAnswered(id)), 100);

  const urls = Array.from({ length: 12 }, (_, i) => `https://files.example.com/soak/model-${i}.bin`);
  let othersJobs = 0;
  const insertIdentical = (name: string, url: string) => {
    const m = sim.get(name);
    // A colleague's preheat of the same file: the manager's default timeout, or another tool's marker.
    const timeout = random() < 0.5 ? DEFAULT_TIMEOUT_NS : DEFAULT_TIMEOUT_NS + 1 + Math.floor(random() * 999_999_998);
    m.insertJob({
      createdAt: m.clock.now(),
      patchedAt: null,
      pollerLostAt: null,
      taskId: `group_other_${othersJobs}`,
      bio: 'soak',
      type: 'preheat',
      userId: 1,
      clusterIds: [1],
      args: { type: 'file', urls: [url], scope: 'single_seed_peer', timeout },
      tasks: [],
    } as Omit<SimJob, 'id'>);
    othersJobs++;
  };

  const settle = async (id: string) => {
    for (;;) {
      const v = views.get(id);
      if (v?.done) return v;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const submitted: string[] = [];
  const concurrency = opts.concurrency ?? 20;
  for (let i = 0; i < opts.submissions; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, opts.submissions - i) }, () => {
      const spec = emptySpec('file');
      const url = urls[Math.floor(random() * urls.length)]!;
      spec.files = [url];
      spec.description = 'soak';
      const managers = ids.filter(() => random() < 0.6);
      spec.targets = (managers.length ? managers : [ids[0]!]).map((managerId) => ({ managerId, clusterIds: random() < 0.5 ? [1] : [1, 2] }));
      for (const t of spec.targets) if (random() < 0.3) insertIdentical(names[ids.indexOf(t.managerId)]!, url);
      return outbox.submit(spec, { rememberPassword: false, ifUnreachable: 'queue' });
    });
    const views = await Promise.all(batch);
    submitted.push(...views.map((v) => v.id));
    await Promise.all(views.map((v) => settle(v.id)));
  }

  // The operator checks what ended `unknown` and sends it again; a bounded number of rounds.
  let operatorRetries = 0;
  const afterOperator = new Set<string>();
  for (let round = 0; round < 30; round++) {
    const unknown = submitted.flatMap((id) => views.get(id)!.targets.filter((t) => t.state === 'unknown').map((t) => ({ id, managerId: t.managerId })));
    if (unknown.length === 0) break;
    for (const u of unknown) {
      operatorRetries++;
      afterOperator.add(`${u.id}:${u.managerId}`);
      await outbox.retry(u.id, u.managerId).catch(() => undefined);
    }
    await Promise.all(unknown.map((u) => settle(u.id)));
  }
  clearInterval(ticking);
  for (const name of names) sim.get(name).faults = { ...sim.get(name).faults, random: null };

  // Every part against the managers' own jobs.
  const jobsWithMarker = (managerId: string, marker: number) => [...sim.get(names[ids.indexOf(managerId)]!).jobs.values()].filter((j) => markerOfTimeout(j.args.timeout) === marker);
  const parts = (await Promise.all(submitted.map(async (id) => outbox.get(id)))).flatMap((v) => v.targets.map((t) => ({ id: v.id, t })));
  // Each part's marker, from the outbox's own record on disk.
  const markers = new Map<string, number>();
  for (const id of submitted) {
    const file = OutboxSubmission.parse(JSON.parse(readFileSync(join(dir, 'outbox', `${encodeURIComponent(id)}.json`), 'utf8')));
    for (const p of file.parts) markers.set(`${id}:${p.managerId}`, p.marker);
  }
  let created = 0;
  let createdAfterOperator = 0;
  let notCreated = 0;
  const notCreatedStates: Record<string, number> = {};
  let duplicates = 0;
  let falseClaims = 0;
  let notExactlyOnce = 0;
  let maxSends = 0;
  for (const { id, t } of parts) {
    const marker = markers.get(`${id}:${t.managerId}`)!;
    const mine = jobsWithMarker(t.managerId, marker);
    maxSends = Math.max(maxSends, t.attempts);
    if (mine.length > 1) duplicates++;
    if (t.state === 'created') {
      created++;
      if (afterOperator.has(`${id}:${t.managerId}`)) createdAfterOperator++;
      if (!mine.some((j) => j.id === t.jobId)) falseClaims++;
      if (mine.length !== 1) notExactlyOnce++;
    } else {
      notCreated++;
      notCreatedStates[t.state] = (notCreatedStates[t.state] ?? 0) + 1;
      if (mine.length !== 0) notExactlyOnce++;
    }
  }
  const faults = { 'reset-before': 0, 'reset-after': 0, slow: 0, 'proxy-5xx': 0, 'rate-limited': 0 } as Record<RandomFault, number>;
  for (const name of names) for (const k of kinds) faults[k] += sim.get(name).injected[k];
  await outbox.dispose();
  await stack.dispose();
  await registry.dispose();
  await sim.close();
  return {
    submissions: submitted.length,
    parts: parts.length,
    created,
    createdAfterOperator,
    notCreated,
    notCreatedStates,
    operatorRetries,
    othersJobs,
    faults,
    duplicates,
    falseClaims,
    notExactlyOnce,
    maxSends,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
