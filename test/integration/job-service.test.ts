import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobService } from '../../src/main/jobs/job-service';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { seedJobs } from '../../tools/manager-sim/seed';
import { createJobStack } from '../helpers/job-stack';
import { startSim } from '../helpers/sim';

let sim: Simulator;
let registry: ManagerRegistry;
let jobs: JobService;
let stack: Awaited<ReturnType<typeof createJobStack>>;
const ids: Record<string, string> = {};
const all = { statuses: [], managerIds: [], clusters: [], kinds: [], search: '' };
const jobCalls = (name: string) => sim.get(name).requestLog.filter((r) => r.path.startsWith('/api/v1/jobs'));

beforeAll(async () => {
  sim = await startSim([
    { name: 'eu', jobs: 250, seed: 5 },
    { name: 'us', jobs: 120, seed: 6 },
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'desk-jobs-'));
  registry = new ManagerRegistry({ dataDir: dir, secrets: new MemoryStore() });
  await registry.load();
  for (const name of ['eu', 'us']) {
    ids[name] = (await registry.add({ name, baseUrl: sim.get(name).url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
  }
  stack = await createJobStack({ dir, registry, perPage: 100 });
  jobs = stack.jobs;
  await jobs.syncManagers();
});

afterAll(async () => {
  await stack.dispose();
  await registry.dispose();
  await sim.close();
});

describe('the merged preheat list', () => {
  it('loads the newest page of every manager and merges them newest first', () => {
    const page = jobs.query(all, 0, 500);
    expect(page.total).toBe(200);
    const created = page.rows.map((r) => Date.parse(r.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(new Set(page.rows.map((r) => r.managerName))).toEqual(new Set(['eu', 'us']));
    expect(page.sources.map((s) => [s.managerName, s.loaded, s.total, s.hasMore])).toEqual([
      ['eu', 100, 250, true],
      ['us', 100, 120, true],
    ]);
  });

  it('loads more of one manager without asking the other', async () => {
    const usBefore = jobCalls('us').length;
    expect(await jobs.loadMore(ids.eu)).toBe(100);
    expect(jobCalls('us').length).toBe(usBefore);
    expect(jobs.query(all, 0, 0).sources.find((s) => s.managerName === 'eu')?.loaded).toBe(200);
  });

  it('loads the manager that bounds the merged order when no manager is named', async () => {
    // eu spans 5 h with 250 jobs, us 5 h with 120: after two pages eu's oldest loaded job (≈4 h) is
    // newer than us's (≈4.15 h), so eu limits how far the merged order is complete and goes next.
    const usCalls = jobCalls('us').length;
    await jobs.loadMore();
    expect(jobCalls('us').length).toBe(usCalls);
    expect(jobs.query(all, 0, 0).sources.find((s) => s.managerName === 'eu')?.loaded).toBe(250);
    const euCalls = jobCalls('eu').length;
    await jobs.loadMore();
    expect(jobCalls('eu').length).toBe(euCalls);
    expect(jobs.query(all, 0, 0).sources.find((s) => s.managerName === 'us')?.loaded).toBe(120);
  });

  it('loads everything', async () => {
    await jobs.loadAll();
    expect(jobs.query(all, 0, 0).total).toBe(370);
    expect(jobs.query(all, 0, 0).sources.every((s) => !s.hasMore)).toBe(true);
  });

  it('fills in targeted clusters once per job, and never again', async () => {
    const unknown = jobs.query(all, 0, 370).rows.filter((r) => r.clusters === null).slice(0, 10);
    expect(unknown.length).toBeGreaterThan(0);
    const refs = unknown.map((r) => ({ managerId: r.managerId, jobId: r.id }));
    const gets = () => [...jobCalls('eu'), ...jobCalls('us')].filter((r) => /\/jobs\/\d+$/.test(r.path)).length;
    const before = gets();
    expect(await jobs.resolveTargets(refs)).toBe(unknown.length);
    await new Promise((r) => setTimeout(r, 500));
    expect(gets()).toBe(before + unknown.length);
    expect(await jobs.resolveTargets(refs)).toBe(0);
    const after = jobs.query(all, 0, 370).rows.filter((r) => refs.some((x) => x.managerId === r.managerId && x.jobId === r.id));
    for (const r of after) expect(r.clusters?.every((c) => typeof c.name === 'string')).toBe(true);
  });

  it('reads again only the jobs of a page whose updated_at moved', async () => {
    const eu = sim.get('eu');
    const client = await registry.client(ids.eu!);
    const reads: { read: number; unchanged: number }[] = [];
    const listJobs = client.listJobs.bind(client);
    client.listJobs = async (...args) => {
      const res = await listJobs(...args);
      reads.push({ read: res.jobs.length, unchanged: res.unchanged.length });
      return res;
    };
    try {
      const onFirstPage = jobs.query({ ...all, managerIds: [ids.eu!] }, 0, 100).rows.filter((r) => r.status !== 'pending' && r.clusters !== null);
      expect(onFirstPage.length).toBeGreaterThan(2);
      const [moved, quiet] = onFirstPage;
      // A PATCH moves updated_at; a change that did not (which a manager never makes) shows it was not read.
      eu.jobs.get(moved!.id)!.bio = 'moved: re-labelled';
      eu.jobs.get(moved!.id)!.patchedAt = eu.clock.now();
      eu.jobs.get(quiet!.id)!.bio = 'quiet: not read again';
      await jobs.refreshManager(ids.eu!);
      expect(reads[0]!.read + reads[0]!.unchanged).toBe(100);
      expect(reads[0]!.unchanged).toBeGreaterThanOrEqual(onFirstPage.length - 1);
      expect(jobs.index.get(ids.eu!, moved!.id)?.description).toBe('moved: re-labelled');
      expect(jobs.index.get(ids.eu!, quiet!.id)?.description).toBe(quiet!.description);
      expect(jobs.query(all, 0, 0).sources.find((s) => s.managerName === 'eu')?.total).toBe(250);
    } finally {
      client.listJobs = listJobs;
    }
  });

  it('keeps the other manager and its own last rows when one manager goes down', async () => {
    await sim.get('us').stop();
    try {
      await jobs.refreshAll();
      const page = jobs.query(all, 0, 0);
      const us = page.sources.find((s) => s.managerName === 'us')!;
      expect(us.error?.code).toBe('unreachable');
      expect(us.error?.message).toBe(`us is unreachable at ${sim.get('us').url}: connection refused`);
      expect(page.sources.find((s) => s.managerName === 'eu')?.error).toBeNull();
      expect(jobs.query({ ...all, managerIds: [ids.eu!] }, 0, 0).total).toBe(250);
      expect(jobs.query({ ...all, managerIds: [ids.us!] }, 0, 0).total).toBe(120);
    } finally {
      await sim.get('us').start();
    }
  });

  it('notices a job that left PENDING after it moved off page 1, and one that vanished', async () => {
    const eu = sim.get('eu');
    const template = [...eu.jobs.values()][0]!;
    const plant = (id: number) =>
      eu.insertJob({
        ...template,
        id,
        createdAt: eu.clock.now() - 60_000,
        pollerLostAt: null,
        tasks: template.tasks.map((t) => ({ ...t, doneAfterS: 45, outcome: { kind: 'failure' as const, error: 'cluster 1 scheduler 10.1.1.1 no available seed peer' } })),
      });
    const finishing = plant(100_001);
    const vanishing = plant(100_002);
    await jobs.refreshAll();
    expect(jobs.index.get(ids.eu!, finishing.id)?.status).toBe('pending');
    // 150 newer jobs push both off page 1; then the manager records the failure and one job is deleted.
    seedJobs(eu, { count: 150, spanMs: 30_000, seed: 9 });
    sim.clock.advance(60_000);
    eu.deleteJob(vanishing.id);
    const gets = () => jobCalls('eu').filter((r) => /\/jobs\/\d+$/.test(r.path)).map((r) => r.path);
    const before = gets().length;
    await jobs.refreshAll();
    expect(jobs.index.get(ids.eu!, finishing.id)?.status).toBe('failed');
    expect(jobs.index.get(ids.eu!, vanishing.id)?.gone).toBe(true);
    // Only the two that left the PENDING list were fetched one by one.
    expect(gets().slice(before).sort()).toEqual([`/api/v1/jobs/${finishing.id}`, `/api/v1/jobs/${vanishing.id}`]);
  });
});

describe('loading every page', () => {
  it('waits for a first load still running instead of skipping that manager', async () => {
    const s = await startSim([
      { name: 'a', jobs: 230, seed: 7 },
      { name: 'b', jobs: 180, seed: 8 },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'desk-jobs-race-'));
    const reg = new ManagerRegistry({ dataDir: dir, secrets: new MemoryStore() });
    await reg.load();
    s.get('b').faults.latencyMs = 300;
    for (const name of ['a', 'b']) {
      await reg.add({ name, baseUrl: s.get(name).url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false });
    }
    const race = await createJobStack({ dir, registry: reg, perPage: 100 });
    const service = race.jobs;
    try {
      // The first pages are still on their way when "Load all" is asked for.
      void service.syncManagers();
      await service.loadAll();
      expect(service.query(all, 0, 0).sources.map((x) => [x.managerName, x.loaded, x.hasMore])).toEqual([
        ['a', 230, false],
        ['b', 180, false],
      ]);
    } finally {
      await race.dispose();
      await reg.dispose();
      await s.close();
    }
  });

  it("asks for each page of a manager's day only once `before` lets it: a loading page goes first", async () => {
    const s = await startSim([{ name: 'c', jobs: 250, seed: 9 }]);
    const dir = mkdtempSync(join(tmpdir(), 'desk-jobs-before-'));
    const reg = new ManagerRegistry({ dataDir: dir, secrets: new MemoryStore() });
    await reg.load();
    const id = (await reg.add({ name: 'c', baseUrl: s.get('c').url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
    const day = await createJobStack({ dir, registry: reg, perPage: 100 });
    const lists = () => s.get('c').requestLog.filter((r) => r.path === '/api/v1/jobs').length;
    try {
      await day.jobs.syncManagers();
      const asked = lists();
      const gates: (() => void)[] = [];
      const loading = day.jobs.loadSinceOf(id, 0, () => new Promise<void>((resolve) => gates.push(resolve)));
      await vi.waitFor(() => expect(gates).toHaveLength(1));
      expect(lists()).toBe(asked);
      gates.shift()!();
      await vi.waitFor(() => expect(gates).toHaveLength(1));
      expect(lists()).toBe(asked + 1);
      gates.shift()!();
      expect(await loading).toBe(true);
      // Pages 2 and 3, one wait each: none once nothing is left.
      expect(lists()).toBe(asked + 2);
      expect(gates).toHaveLength(0);
    } finally {
      await day.dispose();
      await reg.dispose();
      await s.close();
    }
  });
});
