import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureLog } from '../../src/main/failures/failure-log';
import { ManagerRegistry } from '../../src/main/managers/registry';
import type { WatchEvent } from '../../src/main/notify/policy';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import { Watcher } from '../../src/main/watch/watcher';
import type { SimManager } from '../../tools/manager-sim/manager';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { createJobStack } from '../helpers/job-stack';
import { startSim } from '../helpers/sim';

/** Identity: a job id means one job of one manager in one life; a new address or a reset database starts afresh. */
let sim: Simulator;
let dir: string;
let registry: ManagerRegistry;
let stack: Awaited<ReturnType<typeof createJobStack>>;
let watcher: Watcher;
const events: WatchEvent[] = [];
const failures = new FailureLog();
let id = '';

const pending = (m: SimManager, bio: string, doneAfterS = 3600) =>
  m.insertJob({
    createdAt: m.clock.now(),
    patchedAt: null,
    pollerLostAt: null,
    taskId: `group_${randomUUID()}`,
    bio,
    type: 'preheat',
    userId: 1,
    clusterIds: [1],
    args: { type: 'file', urls: [`https://files.example.com/${bio}.bin`], scope: 'single_seed_peer' },
    tasks: [{ clusterId: 1, taskUuid: `task_${randomUUID()}`, doneAfterS, outcome: { kind: 'failure', error: `${bio} failed` } }],
  });

beforeAll(async () => {
  sim = await startSim([{ name: 'eu' }, { name: 'us' }]);
  dir = mkdtempSync(join(tmpdir(), 'desk-ledger-'));
  registry = new ManagerRegistry({ dataDir: dir, secrets: new MemoryStore() });
  await registry.load();
  id = (await registry.add({ name: 'prod', baseUrl: sim.get('eu').url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
  stack = await createJobStack({ dir, registry, now: () => sim.clock.now() });
  await stack.jobs.syncManagers();
  watcher = new Watcher({
    registry,
    ledger: stack.ledger,
    names: stack.jobs.names,
    failures,
    now: () => sim.clock.now(),
    random: () => 0.5,
    onEvents: (e) => void events.push(...e),
    onTick: () => undefined,
  });
});

afterAll(async () => {
  await watcher.dispose();
  await stack.dispose();
  await registry.dispose();
  await sim.close();
});

describe('the job ledger', () => {
  it('one job whose full read does not fit is set aside, and the manager is not held in backoff', async () => {
    const eu = sim.get('eu');
    const broken = pending(eu, 'broken', 5);
    const fine = pending(eu, 'fine', 5);
    await watcher.tick();
    sim.clock.advance(31_000);
    eu.faults = { ...eu.faults, malformed: 'invalid', pathPrefix: `/api/v1/jobs/${broken.id}`, method: 'GET' };
    await watcher.tick();
    eu.faults = { ...eu.faults, malformed: 'none', pathPrefix: '', method: '' };
    const state = watcher.states().find((s) => s.managerId === id)!;
    expect(state.ok).toBe(true);
    expect(state.pending).toBe(0);
    expect(events).toContainEqual(expect.objectContaining({ jobId: fine.id, kind: 'failed' }));
    expect(failures.matching({ job: `${id}:${broken.id}` })).toEqual([expect.objectContaining({ text: expect.stringMatching(/^Could not be read: prod answered job \d+ with a body that is not JSON/) })]);
    expect(stack.history.summary(id, broken.id)?.transitions.map((t) => t.to)).toEqual(['pending', 'unreadable']);
  });

  it('a database reset (a known id with another creation time) starts afresh, with no transition pinned on the wrong job', async () => {
    const eu = sim.get('eu');
    const before = pending(eu, 'before-reset');
    await watcher.tick();
    expect(watcher.states().find((s) => s.managerId === id)!.pending).toBe(1);
    eu.resetJobs();
    sim.clock.advance(60_000);
    // Ids start again at 1: the manager's new job 1 is not the old job 1.
    const after = pending(eu, 'after-reset');
    expect(after.id).toBe(1);
    events.length = 0;
    await watcher.tick();
    await watcher.tick();
    expect(stack.ledger.epoch(id)).toBe(2);
    expect(events.filter((e) => e.kind === 'gone')).toEqual([]);
    expect(stack.history.summary(id, before.id)).toBeNull();
    expect(stack.history.summary(id, after.id)?.entry.description).toBe('after-reset');
    expect(readdirSync(join(dir, 'history')).some((f) => f.endsWith('.epoch-1.jsonl'))).toBe(true);
    expect(watcher.states().find((s) => s.managerId === id)!.pending).toBe(1);
  });

  it('a new address starts afresh: jobs pending at the old one are never reported gone from the new one', async () => {
    const us = sim.get('us');
    events.length = 0;
    const input = { name: 'prod', baseUrl: us.url, auth: { kind: 'password' as const, username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false };
    await registry.update(id, input);
    await stack.ledger.sync(registry.all());
    await stack.jobs.syncManagers();
    expect(stack.ledger.epoch(id)).toBe(3);
    await watcher.tick();
    expect(events).toEqual([]);
    expect(watcher.states().find((s) => s.managerId === id)!.pending).toBe(0);
    const rows = stack.jobs.query({ statuses: [], managerIds: [id], clusters: [], kinds: [], search: '' }, 0, 500).rows;
    expect(rows.some((r) => r.description.includes('reset'))).toBe(false);
  });

  it('removing the manager deletes its history, every epoch of it', async () => {
    await stack.ledger.forget(id);
    expect(readdirSync(join(dir, 'history')).filter((f) => f.startsWith(encodeURIComponent(id)))).toEqual([]);
    expect(existsSync(join(dir, 'job-identity.json'))).toBe(true);
    expect(stack.ledger.keptCount(id)).toBe(0);
  });
});
