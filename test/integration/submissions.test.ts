import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { ImageRegistryPasswords } from '../../src/main/preheats/image-registry-passwords';
import { SubmissionService } from '../../src/main/preheats/submissions';
import { TargetCatalog } from '../../src/main/preheats/target-catalog';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import type { SubmissionView } from '../../src/shared/models';
import { emptySpec, type PreheatSpec } from '../../src/shared/preheat-spec';
import { noFaults } from '../../tools/manager-sim/faults';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { seedInventory } from '../../tools/manager-sim/seed';
import { createJobStack } from '../helpers/job-stack';
import { startSim } from '../helpers/sim';

let sim: Simulator;
let registry: ManagerRegistry;
let service: SubmissionService;
let catalog: TargetCatalog;
const ids: Record<string, string> = {};
const secrets = new MemoryStore();
const views = new Map<string, SubmissionView>();

function spec(targets: PreheatSpec['targets'], url = `https://files.example.com/${Math.random().toString(36).slice(2)}.bin`): PreheatSpec {
  const s = emptySpec('file');
  s.files = [url];
  s.description = 'integration';
  s.targets = targets;
  return s;
}

/** Submit and wait until every target has an outcome. */
async function run(s: PreheatSpec, password?: string): Promise<SubmissionView> {
  const first = await service.submit(s, password, true);
  for (let i = 0; i < 400; i++) {
    const v = views.get(first.id) ?? first;
    if (v.done) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('submission did not finish');
}

const jobsOn = (name: string) => sim.get(name).jobs.size;

beforeAll(async () => {
  sim = await startSim([{ name: 'eu' }]);
  const us = await sim.addManager('us');
  seedInventory(us, { net: 9, clusters: [{ name: 'us-a', preheatFeature: false }] });
  const dir = mkdtempSync(join(tmpdir(), 'desk-submit-'));
  registry = new ManagerRegistry({ dataDir: dir, secrets });
  await registry.load();
  for (const name of ['eu', 'us']) {
    ids[name] = (await registry.add({ name, baseUrl: sim.get(name).url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
  }
  const { jobs } = await createJobStack({ dir, registry });
  catalog = new TargetCatalog({ registry });
  service = new SubmissionService({ managers: registry, catalog, jobs, passwords: new ImageRegistryPasswords(secrets), onUpdate: (v) => void views.set(v.id, v) });
});

afterAll(async () => {
  await registry.dispose();
  await sim.close();
});

describe('fanning a spec out to several managers', () => {
  it('creates on one manager and explains the other\'s refusal', async () => {
    const v = await run(spec([{ managerId: ids.eu!, clusterIds: [1, 2] }, { managerId: ids.us!, clusterIds: [1] }]));
    const eu = v.targets.find((t) => t.managerName === 'eu')!;
    const us = v.targets.find((t) => t.managerName === 'us')!;
    expect(eu.state).toBe('created');
    expect(sim.get('eu').jobs.get(eu.jobId!)?.clusterIds).toEqual([1, 2]);
    expect(us.state).toBe('failed');
    expect(us.error?.message).toBe('Cluster us-a on us has no active scheduler with the preheat feature, so the manager refused the preheat');
    expect(us.error?.fields).toEqual([{ path: 'targets', message: 'us: no active scheduler with the preheat feature in us-a' }]);
  });

  it('keeps the registry password in the keychain and reuses it when the form leaves it empty', async () => {
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

describe('never a duplicate job', () => {
  it('a connection cut while the answer comes back: the job is found, not sent again', async () => {
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

  it('a connection cut before the manager answered anything: checked, then sent once more', async () => {
    const before = jobsOn('eu');
    sim.get('eu').faults = { ...noFaults(), reset: 'before-response', pathPrefix: '/api/v1/jobs', method: 'POST', times: 1 };
    const v = await run(spec([{ managerId: ids.eu!, clusterIds: [1] }]));
    const t = v.targets[0]!;
    expect(t.state).toBe('created');
    expect(t.attempts).toBe(2);
    expect(t.log.map((l) => l.text)).toContain('The manager did not create it; sending again');
    expect(jobsOn('eu')).toBe(before + 1);
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
    await expect(service.submit(bad, undefined, false)).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fields: [{ path: 'files.0' }, { path: 'pieceLengthMiB' }] },
    });
  });
});
