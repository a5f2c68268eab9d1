import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobService } from '../../src/main/jobs/job-service';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { ImageRegistryPasswords } from '../../src/main/preheats/image-registry-passwords';
import { Outbox } from '../../src/main/preheats/outbox/outbox';
import type { OutboxSubmission } from '../../src/main/preheats/outbox/outbox-file';
import type { TargetCatalog } from '../../src/main/preheats/target-catalog';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import { secretAccount } from '../../src/main/secrets/secret-store';
import type { SubmissionView } from '../../src/shared/models';
import { DEFAULT_TIMEOUT_NS, emptySpec, markerOfTimeout, type PreheatSpec } from '../../src/shared/preheat-spec';
import { noFaults } from '../../tools/manager-sim/faults';
import type { SimJob } from '../../tools/manager-sim/model';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { seedInventory } from '../../tools/manager-sim/seed';
import { createJobStack } from '../helpers/job-stack';
import { startSim } from '../helpers/sim';

let sim: Simulator;
let registry: ManagerRegistry;
let jobs: JobService;
let catalog: TargetCatalog;
let dataDir: string;
const outboxes: Outbox[] = [];
const ids: Record<string, string> = {};
const secrets = new MemoryStore();
const views = new Map<string, SubmissionView>();

/** An outbox over the shared registry, with a short reconciliation bound so `unknown` comes in a second. */
function openOutbox(dir = dataDir, now?: () => number, timing: { reconcileBoundMs?: number; recheckMs?: number; createTimeoutMs?: number } = {}) {
  const o = new Outbox({
    ...(now ? { now } : {}),
    dataDir: dir,
    managers: registry,
    catalog,
    jobs,
    passwords: new ImageRegistryPasswords(secrets),
    secrets,
    onUpdate: (v) => void views.set(v.id, v),
    reconcileBoundMs: 1200,
    recheckMs: 200,
    createTimeoutMs: 1500,
    ...timing,
  });
  outboxes.push(o);
  return o;
}

let outbox: Outbox;

function spec(targets: PreheatSpec['targets'], url = `https://files.example.com/${Math.random().toString(36).slice(2)}.bin`): PreheatSpec {
  const s = emptySpec('file');
  s.files = [url];
  s.description = 'integration';
  s.targets = targets;
  return s;
}

async function settle(id: string, first?: SubmissionView): Promise<SubmissionView> {
  for (let i = 0; i < 600; i++) {
    const v = views.get(id) ?? first;
    if (v?.done) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('submission did not settle');
}

/** Submit and wait until every target has an outcome. */
async function run(s: PreheatSpec, password?: string, ifUnreachable: 'queue' | 'fail' = 'queue', box = outbox): Promise<SubmissionView> {
  const first = await box.submit(s, { registryPassword: password, rememberPassword: true, ifUnreachable });
  return settle(first.id, first);
}

const jobsOn = (name: string) => sim.get(name).jobs.size;
/** Jobs on a manager that carry this marker: exactly-once means one. */
const withMarker = (name: string, marker: number) => [...sim.get(name).jobs.values()].filter((j) => markerOfTimeout(j.args.timeout) === marker);
const markerOfJob = (name: string, id: number) => markerOfTimeout(sim.get(name).jobs.get(id)!.args.timeout);

beforeAll(async () => {
  sim = await startSim([{ name: 'eu' }]);
  const us = await sim.addManager('us');
  seedInventory(us, { net: 9, clusters: [{ name: 'us-a', preheatFeature: false }] });
  dataDir = mkdtempSync(join(tmpdir(), 'desk-submit-'));
  registry = new ManagerRegistry({ dataDir, secrets });
  await registry.load();
  for (const name of ['eu', 'us']) {
    ids[name] = (await registry.add({ name, baseUrl: sim.get(name).url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
  }
  ({ jobs, catalog } = await createJobStack({ dir: dataDir, registry }));
  outbox = openOutbox();
});

afterAll(async () => {
  for (const o of outboxes) await o.dispose();
  await registry.dispose();
  await sim.close();
});

describe('fanning a spec out to several managers', () => {
  it("creates on one manager and explains the other's refusal", async () => {
    const v = await run(spec([{ managerId: ids.eu!, clusterIds: [1, 2] }, { managerId: ids.us!, clusterIds: [1] }]));
    const eu = v.targets.find((t) => t.managerName === 'eu')!;
    const us = v.targets.find((t) => t.managerName === 'us')!;
    expect(eu.state).toBe('created');
    expect(sim.get('eu').jobs.get(eu.jobId!)?.clusterIds).toEqual([1, 2]);
    expect(us.state).toBe('refused');
    expect(us.error?.message).toBe('Cluster us-a on us has no active scheduler with the preheat feature, so the manager refused the preheat');
    expect(us.error?.fields).toEqual([{ path: 'targets', message: 'us: no active scheduler with the preheat feature in us-a' }]);
  });

  it('marks every create with its part, in the sub-second part of the timeout the manager keeps', async () => {
    const v = await run(spec([{ managerId: ids.eu!, clusterIds: [1] }]));
    const job = sim.get('eu').jobs.get(v.targets[0]!.jobId!)!;
    const marker = markerOfTimeout(job.args.timeout)!;
    expect(marker).toBeGreaterThan(0);
    expect(job.args.timeout).toBe(DEFAULT_TIMEOUT_NS + marker);
  });

  it('keeps the registry password in the keychain for next time, and never in the outbox file', async () => {
    const image = emptySpec('image');
    image.targets = [{ managerId: ids.eu!, clusterIds: [1] }];
    image.image = { reference: 'registry.example.com/team/app:v1', platform: 'linux/amd64', username: 'robot' };
    const first = await run(image, 'Reg1stry-Pass');
    expect(await new ImageRegistryPasswords(secrets).get('registry.example.com', 'robot')).toBe('Reg1stry-Pass');
    const again = await run({ ...image, description: 'second' });
    const stored = [first, again].map((v) => sim.get('eu').jobs.get(v.targets[0]!.jobId!)!.args.password);
    expect(stored).toEqual(['Reg1stry-Pass', 'Reg1stry-Pass']);
  });
});

describe('exactly once', () => {
  it('a connection cut while the answer comes back: the job is found by its marker, not sent again', async () => {
    const before = jobsOn('eu');
    sim.get('eu').faults = { ...noFaults(), reset: 'mid-body', pathPrefix: '/api/v1/jobs', method: 'POST', times: 1 };
    const v = await run(spec([{ managerId: ids.eu!, clusterIds: [1] }]));
    const t = v.targets[0]!;
    expect(t.state).toBe('created');
    expect(t.attempts).toBe(1);
    expect(t.log.map((l) => l.text)).toContainEqual(expect.stringMatching(/^The answer was lost/));
    expect(t.log.at(-1)?.text).toBe(`The manager had created it: job ${t.jobId}`);
    expect(jobsOn('eu')).toBe(before + 1);
  });

  it('refused twice with a 429, then sent again with a late answer: looked for from that send, found, never sent a fourth time', async () => {
    const eu = sim.get('eu');
    // The bound is shorter than the time the two 429s' backoff takes, and longer than the late answer.
    const box = openOutbox(dataDir, undefined, { reconcileBoundMs: 2000, recheckMs: 100, createTimeoutMs: 300 });
    const before = jobsOn('eu');
    const refused = eu.injected['rate-limited'];
    eu.faults = { ...noFaults(), pathPrefix: '/api/v1/jobs', method: 'POST', times: 2, random: { rate: 1, kinds: ['rate-limited'], slowMs: 0, seed: 1 } };
    const first = await box.submit(spec([{ managerId: ids.eu!, clusterIds: [1] }]), { rememberPassword: false, ifUnreachable: 'queue' });
    while (eu.injected['rate-limited'] < refused + 2) await new Promise((r) => setTimeout(r, 10));
    // The third send is handled 800 ms late, past the client's 300 ms: its answer is lost, its job comes later.
    eu.faults = { ...noFaults(), latencyMs: 800, pathPrefix: '/api/v1/jobs', method: 'POST', times: 1 };
    const t = (await settle(first.id, first)).targets[0]!;
    expect(t.state).toBe('created');
    expect(t.attempts).toBe(3);
    expect(withMarker('eu', markerOfJob('eu', t.jobId!)!)).toHaveLength(1);
    expect(jobsOn('eu')).toBe(before + 1);
  });

  it('an answer that does not fit the API: the job is still found by its marker', async () => {
    const before = jobsOn('eu');
    sim.get('eu').faults = { ...noFaults(), malformed: 'invalid', pathPrefix: '/api/v1/jobs', method: 'POST', times: 1 };
    const v = await run(spec([{ managerId: ids.eu!, clusterIds: [1] }]));
    expect(v.targets[0]).toMatchObject({ state: 'created', attempts: 1 });
    expect(jobsOn('eu')).toBe(before + 1);
  });

  it('a send that never made a job, while a colleague made an identical one: nothing claimed, nothing re-sent, the look-alike shown', async () => {
    const eu = sim.get('eu');
    const s = spec([{ managerId: ids.eu!, clusterIds: [1] }], 'https://files.example.com/shared-model.bin');
    eu.faults = { ...noFaults(), reset: 'before-response', pathPrefix: '/api/v1/jobs', method: 'POST', times: 1 };
    const theirs = eu.insertJob({
      createdAt: eu.clock.now(),
      patchedAt: null,
      pollerLostAt: null,
      taskId: 'group_colleague',
      bio: 'integration',
      type: 'preheat',
      userId: 1,
      clusterIds: [1],
      args: { type: 'file', urls: ['https://files.example.com/shared-model.bin'], scope: 'single_seed_peer', timeout: DEFAULT_TIMEOUT_NS },
      tasks: [],
    } as Omit<SimJob, 'id'>);
    const before = jobsOn('eu');
    const v = await run(s);
    const t = v.targets[0]!;
    expect(t.state).toBe('unknown');
    expect(t.jobId).toBeNull();
    expect(t.attempts).toBe(1);
    expect(t.candidates.map((c) => c.jobId)).toEqual([theirs.id]);
    expect(jobsOn('eu')).toBe(before);

    // The user checked and sends again: with the same marker, once.
    await outbox.retry(v.id);
    const after = await settle(v.id);
    const again = after.targets[0]!;
    expect(again.state).toBe('created');
    expect(again.jobId).not.toBe(theirs.id);
    expect(withMarker('eu', markerOfJob('eu', again.jobId!)!)).toHaveLength(1);
    expect(jobsOn('eu')).toBe(before + 1);
  });

  it('after a restart mid-send, the part is reconciled, never sent blind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-restart-'));
    mkdirSync(join(dir, 'outbox'));
    const eu = sim.get('eu');
    const at = new Date(eu.clock.now()).toISOString();
    const part = (marker: number) => ({
      managerId: ids.eu!,
      managerName: 'eu',
      clusterIds: [1],
      clusters: [{ id: 1, name: 'eu-a' }],
      marker,
      state: 'sending' as const,
      waiting: null,
      attempts: 1,
      rateLimited: 0,
      notSent: 0,
      sentAt: at,
      lastSentAt: at,
      jobId: null,
      error: null,
      candidates: [],
      waited: false,
      log: [],
    });
    const file = (id: string, marker: number): OutboxSubmission => ({
      version: 1,
      id,
      createdAt: at,
      updatedAt: at,
      spec: spec([{ managerId: ids.eu!, clusterIds: [1] }], `https://files.example.com/${id}.bin`),
      secretHeaders: [],
      registryPassword: 'none',
      ifUnreachable: 'queue',
      parts: [part(marker)],
    });
    // The first run's create reached the manager; the second run's never did.
    const reached = eu.insertJob({
      createdAt: eu.clock.now(),
      patchedAt: null,
      pollerLostAt: null,
      taskId: 'group_reached',
      bio: 'integration',
      type: 'preheat',
      userId: 1,
      clusterIds: [1],
      args: { type: 'file', urls: ['https://files.example.com/reached.bin'], scope: 'single_seed_peer', timeout: DEFAULT_TIMEOUT_NS + 424242 },
      tasks: [],
    } as Omit<SimJob, 'id'>);
    writeFileSync(join(dir, 'outbox', 'reached.json'), JSON.stringify(file('reached', 424242)));
    writeFileSync(join(dir, 'outbox', 'lost.json'), JSON.stringify(file('lost', 515151)));
    const before = jobsOn('eu');
    const box = openOutbox(dir);
    await box.load();
    const [a, b] = [await settle('reached'), await settle('lost')];
    expect(a.targets[0]).toMatchObject({ state: 'created', jobId: reached.id, attempts: 1 });
    expect(a.targets[0]!.log.map((l) => l.text)).toContain('Dragonfly Desk stopped while this was being sent: checking whether the manager created it');
    expect(b.targets[0]).toMatchObject({ state: 'unknown', jobId: null, attempts: 1 });
    expect(jobsOn('eu')).toBe(before);
  });
});

describe('what the outbox keeps', () => {
  it('a settled submission stays a week, then leaves the outbox at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-prune-'));
    const first = openOutbox(dir);
    const done = await run(spec([{ managerId: ids.eu!, clusterIds: [1] }]), undefined, 'queue', first);
    expect(done.targets[0]!.state).toBe('created');
    await first.dispose();

    const sixDays = openOutbox(dir, () => Date.now() + 6 * 86400_000);
    await sixDays.load();
    expect(sixDays.list().map((v) => v.id)).toEqual([done.id]);
    await sixDays.dispose();

    const eightDays = openOutbox(dir, () => Date.now() + 8 * 86400_000);
    await eightDays.load();
    expect(eightDays.list()).toEqual([]);
  });
});

describe('an unreachable manager', () => {
  it('"queue if unreachable" keeps the part across a restart and sends it once when the manager answers again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-queued-'));
    const eu = sim.get('eu');
    await eu.stop();
    const first = openOutbox(dir);
    const submitted = await first.submit(spec([{ managerId: ids.eu!, clusterIds: [1] }]), { rememberPassword: false, ifUnreachable: 'queue' });
    for (let i = 0; i < 200 && views.get(submitted.id)?.targets[0]?.waiting === null; i++) await new Promise((r) => setTimeout(r, 25));
    const queued = views.get(submitted.id)!.targets[0]!;
    expect(queued.state).toBe('queued');
    expect(queued.waiting).toMatch(/^eu unreachable: eu is unreachable at .*connection refused/);
    await first.dispose();

    const before = jobsOn('eu');
    const second = openOutbox(dir);
    await second.load();
    await eu.start();
    second.managerAnswered(ids.eu!);
    const done = await settle(submitted.id);
    expect(done.targets[0]!.state).toBe('created');
    expect(jobsOn('eu')).toBe(before + 1);
  });

  it('"fail now" refuses the part, naming the manager, after a few tries', async () => {
    const eu = sim.get('eu');
    await eu.stop();
    try {
      const v = await run(spec([{ managerId: ids.eu!, clusterIds: [1] }]), undefined, 'fail');
      expect(v.targets[0]!.state).toBe('refused');
      expect(v.targets[0]!.error?.message).toMatch(/eu is unreachable/);
    } finally {
      await eu.start();
    }
  });
});

describe('a login that cannot be had', () => {
  /** A token manager on `eu` whose token is gone, as from a keychain that lost the item; it stays configured. */
  async function tokenManagerWithoutToken(name: string, token: string): Promise<string> {
    const eu = sim.get('eu');
    eu.addPat({ token });
    const id = (await registry.add({ name, baseUrl: eu.url, auth: { kind: 'pat', token }, caCertPath: null, skipTlsVerify: false })).id;
    await catalog.list(true);
    await secrets.delete(secretAccount.pat(id));
    return id;
  }

  it('a token manager with no token stored: the part is known not sent, waits, and goes once the token is back', async () => {
    const token = 'ZGVzay1zdWJtaXQtbm8tdG9rZW4tMDAwMDAwMDAwMDAwMDAwMDAw';
    const id = await tokenManagerWithoutToken('eu-token', token);
    const submitted = await outbox.submit(spec([{ managerId: id, clusterIds: [1] }]), { rememberPassword: false, ifUnreachable: 'queue' });
    for (let i = 0; i < 200 && !views.get(submitted.id)?.targets[0]?.waiting; i++) await new Promise((r) => setTimeout(r, 25));
    const queued = views.get(submitted.id)!.targets[0]!;
    expect(queued.state).toBe('queued');
    expect(queued.waiting).toBe('eu-token has no personal access token stored; edit the manager and enter one');

    const before = jobsOn('eu');
    await secrets.set(secretAccount.pat(id), token);
    outbox.managerAnswered(id);
    const done = await settle(submitted.id);
    expect(done.targets[0]!.state).toBe('created');
    expect(jobsOn('eu')).toBe(before + 1);
    await registry.remove(id);
  });

  it('"fail now" refuses it with what is missing, never as a lost answer', async () => {
    const id = await tokenManagerWithoutToken('eu-token-2', 'ZGVzay1zdWJtaXQtbm8tdG9rZW4tMDAwMDAwMDAwMDAwMDAwMDAx');
    const v = await run(spec([{ managerId: id, clusterIds: [1] }]), undefined, 'fail');
    expect(v.targets[0]!.state).toBe('refused');
    expect(v.targets[0]!.error?.message).toMatch(/eu-token-2 has no personal access token stored/);
    expect(v.targets[0]!.log.map((l) => l.text).join('\n')).not.toMatch(/answer was lost/);
    await registry.remove(id);
  });
});

describe('rate limits', () => {
  it('a burst paced to job_rate_limit, retried on 429, loses and duplicates nothing', async () => {
    await catalog.list(true);
    // The manager now allows 2 creates a second, while the app last read 10: it will see 429s.
    sim.get('eu').clusters[0]!.jobRateLimit = 2;
    const before = jobsOn('eu');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => run(spec([{ managerId: ids.eu!, clusterIds: [1] }], `https://files.example.com/burst-${i}.bin`))));
    const targets = results.map((r) => r.targets[0]!);
    expect(targets.every((t) => t.state === 'created')).toBe(true);
    expect(targets.reduce((n, t) => n + t.rateLimited, 0)).toBeGreaterThan(0);
    expect(new Set(targets.map((t) => t.jobId)).size).toBe(6);
    expect(jobsOn('eu')).toBe(before + 6);
    sim.get('eu').clusters[0]!.jobRateLimit = 10;
  }, 60_000);
});

describe('validation before anything is sent', () => {
  it('refuses a spec with problems, naming each field', async () => {
    const bad = spec([{ managerId: ids.eu!, clusterIds: [1] }]);
    bad.pieceLengthMiB = 65;
    bad.files = ['nope'];
    await expect(outbox.submit(bad, { rememberPassword: false, ifUnreachable: 'queue' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fields: [{ path: 'files.0' }, { path: 'pieceLengthMiB' }] },
    });
  });
});
