import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FailureLog } from '../../src/main/failures/failure-log';
import type { HistoryStore } from '../../src/main/history/history-store';
import type { JobService } from '../../src/main/jobs/job-service';
import { Foreground, QUIET_MS } from '../../src/main/lifecycle/foreground';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settings-store';
import { NotificationCenter } from '../../src/main/notify/notification-center';
import type { WatchEvent } from '../../src/main/notify/policy';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import { Watcher, type WatcherOptions } from '../../src/main/watch/watcher';
import type { SimManager } from '../../tools/manager-sim/manager';
import type { SimTask } from '../../tools/manager-sim/model';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { createJobStack } from '../helpers/job-stack';
import { startSim } from '../helpers/sim';

let sim: Simulator;
let registry: ManagerRegistry;
let jobs: JobService;
let history: HistoryStore;
let failures: FailureLog;
let watcher: Watcher;
let stack: Awaited<ReturnType<typeof createJobStack>>;
let dir: string;
const events: WatchEvent[] = [];
const ids: Record<string, string> = {};

const requests = (m: SimManager, since: number) => m.requestLog.slice(since).map((r) => `${r.method} ${r.path}`);

/** A preheat that the manager's scheduler fails `failAfterS` seconds after it is created, with this text. */
function plant(m: SimManager, error: string, failAfterS = 5, extra: Partial<SimTask> = {}) {
  return m.insertJob({
    createdAt: m.clock.now(),
    patchedAt: null,
    pollerLostAt: null,
    taskId: `group_${randomUUID()}`,
    bio: `watched ${error.slice(0, 12)}`,
    type: 'preheat',
    userId: 1,
    clusterIds: [1],
    args: { type: 'file', urls: ['https://files.example.com/w.bin'], scope: 'single_seed_peer' },
    tasks: [{ clusterId: 1, taskUuid: `task_${randomUUID()}`, doneAfterS: failAfterS, outcome: { kind: 'failure', error }, ...extra }],
  });
}

beforeAll(async () => {
  sim = await startSim([{ name: 'eu' }, { name: 'us' }]);
  dir = mkdtempSync(join(tmpdir(), 'desk-watch-'));
  registry = new ManagerRegistry({ dataDir: dir, secrets: new MemoryStore() });
  await registry.load();
  for (const name of ['eu', 'us']) {
    ids[name] = (await registry.add({ name, baseUrl: sim.get(name).url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
  }
  stack = await createJobStack({ dir, registry, now: () => sim.clock.now() });
  ({ history, jobs } = stack);
  await jobs.syncManagers();
  failures = new FailureLog();
  watcher = newWatcher();
});

const newWatcher = (more: Partial<WatcherOptions> = {}) =>
  new Watcher({
    registry,
    ledger: stack.ledger,
    names: jobs.names,
    failures,
    now: () => sim.clock.now(),
    random: () => 0.5,
    onEvents: (e) => void events.push(...e),
    onTick: () => undefined,
    ...more,
  });

afterAll(async () => {
  await watcher.dispose();
  await stack.dispose();
  await registry.dispose();
  await sim.close();
});

describe('the watcher', () => {
  it('detects a failure within one tick of the manager recording it, with one list call per manager and one GET per changed job', async () => {
    const eu = sim.get('eu');
    const us = sim.get('us');
    const job = plant(eu, 'cluster 1 scheduler 10.1.1.1 no available seed peer');
    await watcher.tick();
    expect(watcher.states().find((s) => s.managerName === 'eu')?.pending).toBe(1);

    // The manager's poller records the failure at t = 30 s; the next tick finds it.
    sim.clock.advance(31_000);
    const [euBefore, usBefore] = [eu.requestLog.length, us.requestLog.length];
    const report = await watcher.tick();
    expect(requests(eu, euBefore)).toEqual(['GET /api/v1/jobs', `GET /api/v1/jobs/${job.id}`]);
    expect(requests(us, usBefore)).toEqual(['GET /api/v1/jobs']);
    expect(report).toMatchObject({ listCalls: 2, jobFetches: 1, transitions: [{ jobId: job.id, from: 'pending', to: 'failed' }] });
    expect(events).toContainEqual(expect.objectContaining({ managerName: 'eu', jobId: job.id, kind: 'failed', reason: 'cluster 1 scheduler 10.1.1.1 no available seed peer' }));
    const logged = failures.matching({ job: `${ids.eu}:${job.id}` });
    expect(logged).toEqual([expect.objectContaining({ kind: 'job_error', text: 'cluster 1 scheduler 10.1.1.1 no available seed peer', cluster: { id: 1, name: 'eu-a' } })]);
    expect(history.summary(ids.eu!, job.id)?.transitions.map((t) => t.to)).toEqual(['pending', 'failed']);
  });

  it('a quiet tick costs one list call per manager and nothing else', async () => {
    const [eu, us] = [sim.get('eu'), sim.get('us')];
    const [a, b] = [eu.requestLog.length, us.requestLog.length];
    const report = await watcher.tick();
    expect(report).toMatchObject({ listCalls: 2, jobFetches: 0, transitions: [] });
    expect(requests(eu, a)).toEqual(['GET /api/v1/jobs']);
    expect(requests(us, b)).toEqual(['GET /api/v1/jobs']);
  });

  it('backfills a manager whose jobs the list and the history hold as they are without reading them again', async () => {
    const again = newWatcher();
    try {
      const report = await again.tick();
      expect(report.backfillCalls).toBeGreaterThan(0);
      expect(report.backfillRead).toBe(0);
    } finally {
      await again.dispose();
    }
  });

  it('lets a loading page go first: the backfill, and the looks after the first tick, wait until it is quiet', async () => {
    let t = 0;
    const released: (() => void)[] = [];
    const fg = new Foreground(
      () => t,
      (ms) => new Promise<void>((resolve) => released.push(() => ((t += ms), resolve()))),
    );
    const again = newWatcher({ foreground: fg });
    const [eu, us] = [sim.get('eu'), sim.get('us')];
    const [a, b] = [eu.requestLog.length, us.requestLog.length];
    const states = (m: SimManager, since: number) => m.requestLog.slice(since).map((r) => new URLSearchParams(r.query).get('state'));
    try {
      fg.pageLoading();
      const tick = again.tick();
      // Both backfills wait for the quiet moment (two at a time, the gate's limit), each after its look.
      await vi.waitFor(() => expect(released).toHaveLength(2));
      expect(states(eu, a)).toEqual(['PENDING']);
      expect(states(us, b)).toEqual(['PENDING']);
      while (released.length) released.shift()!();
      const report = await tick;
      expect(t).toBeGreaterThanOrEqual(QUIET_MS);
      expect(report.listCalls).toBe(2);
      expect(report.backfillCalls).toBeGreaterThan(0);
      expect(states(eu, a)).toContain('FAILURE');
      // After the first tick (start-up), the looks wait for a loading page as well.
      const [c, d] = [eu.requestLog.length, us.requestLog.length];
      fg.pageLoading();
      const next = again.tick();
      await vi.waitFor(() => expect(released).toHaveLength(2));
      expect(states(eu, c)).toEqual([]);
      expect(states(us, d)).toEqual([]);
      while (released.length) released.shift()!();
      expect((await next).listCalls).toBe(2);
      expect(states(eu, c)).toEqual(['PENDING']);
    } finally {
      await again.dispose();
    }
  });

  it('goes on looking at every manager while a backfill is held up', async () => {
    let release!: (whole: boolean) => void;
    const held = new Promise<boolean>((resolve) => (release = resolve));
    let asked = 0;
    const again = newWatcher({
      busyMs: 20,
      idleMs: 20,
      // The job list's last day never comes: both managers' backfills wait in it.
      listDay: () => {
        asked++;
        return held;
      },
    });
    const eu = sim.get('eu');
    const from = eu.requestLog.length;
    const looks = () => eu.requestLog.slice(from).filter((r) => new URLSearchParams(r.query).get('state') === 'PENDING').length;
    try {
      again.start();
      await vi.waitFor(() => expect(asked).toBe(2));
      await vi.waitFor(() => expect(looks()).toBeGreaterThanOrEqual(3));
    } finally {
      again.stop();
      release(false);
      await again.dispose();
    }
  });

  it('shows a failed backfill on the manager until one works, and backs off from it as from a look', async () => {
    let fail = true;
    let tries = 0;
    const again = newWatcher({
      listDay: async () => {
        tries++;
        if (fail) throw new Error('the job list could not read eu');
        return false;
      },
    });
    const eu = (w: Watcher) => w.states().find((s) => s.managerId === ids.eu)!;
    try {
      await again.tick();
      const owed = tries;
      expect(eu(again)).toMatchObject({ ok: false, error: 'eu: the jobs that ended before the watch began could not be loaded, so the failure log lacks their failures: the job list could not read eu' });
      // A look that works does not clear it, and the backfill waits out its backoff (one busy tick, 15 s).
      await again.tick();
      expect(tries).toBe(owed);
      expect(eu(again).ok).toBe(false);
      fail = false;
      sim.clock.advance(15_000);
      await again.tick();
      expect(tries).toBeGreaterThan(owed);
      expect(eu(again)).toMatchObject({ ok: true, error: null });
    } finally {
      await again.dispose();
    }
  });

  it('reads a pending job in full once, and again only when the manager updated it', async () => {
    const eu = sim.get('eu');
    const job = plant(eu, 'still going', 3600);
    expect((await watcher.tick()).pendingRead).toBe(1);
    expect((await watcher.tick()).pendingRead).toBe(0);
    job.patchedAt = eu.clock.now() + 1000;
    job.bio = 'renamed while pending';
    expect((await watcher.tick()).pendingRead).toBe(1);
    expect(jobs.query({ search: 'renamed while pending' }, 0, 10).rows.map((r) => r.id)).toEqual([job.id]);
  });

  it('sees jobs created elsewhere, and partial successes with their failing peers', async () => {
    const us = sim.get('us');
    const job = us.insertJob({
      createdAt: us.clock.now(),
      patchedAt: null,
      pollerLostAt: null,
      taskId: `group_${randomUUID()}`,
      bio: 'from the console',
      type: 'preheat',
      userId: 1,
      clusterIds: [1],
      args: { type: 'file', urls: ['https://f/p.bin'], scope: 'all_seed_peers' },
      tasks: [
        {
          clusterId: 1,
          taskUuid: `task_${randomUUID()}`,
          doneAfterS: 10,
          outcome: {
            kind: 'success',
            succeeded: [{ url: 'https://f/p.bin', hostname: 'seed-0', ip: '10.2.1.10' }],
            failed: [{ url: 'https://f/p.bin', hostname: 'seed-1', ip: '10.2.1.11', description: 'task 9 failed: rpc error: code = Unavailable' }],
          },
        },
      ],
    });
    await watcher.tick();
    sim.clock.advance(31_000);
    await watcher.tick();
    expect(events).toContainEqual(expect.objectContaining({ jobId: job.id, kind: 'partial' }));
    expect(failures.matching({ job: `${ids.us}:${job.id}` })).toEqual([
      expect.objectContaining({ kind: 'peer_failure', hostname: 'seed-1', ip: '10.2.1.11', text: 'task 9 failed: rpc error: code = Unavailable' }),
    ]);
  });

  it('flags a job pending past 65 minutes as stuck, once', async () => {
    const eu = sim.get('eu');
    const job = plant(eu, 'never', 0, { outcome: { kind: 'never' } });
    await eu.restart();
    await watcher.tick();
    sim.clock.advance(66 * 60_000);
    await watcher.tick();
    await watcher.tick();
    expect(events.filter((e) => e.jobId === job.id && e.kind === 'stuck')).toHaveLength(1);
    expect(failures.matching({ job: `${ids.eu}:${job.id}`, kinds: ['stuck'] })).toHaveLength(1);
  });

  it('keeps a job the manager garbage-collected while pending, marked gone, with its detail still open', async () => {
    const eu = sim.get('eu');
    const job = plant(eu, 'x', 600);
    await watcher.tick();
    eu.deleteJob(job.id);
    await watcher.tick();
    expect(events).toContainEqual(expect.objectContaining({ jobId: job.id, kind: 'gone' }));
    expect(history.summary(ids.eu!, job.id)?.entry.gone).toBe(true);
    const detail = await jobs.detail({ managerId: ids.eu!, jobId: job.id });
    expect(detail.row.gone).toBe(true);
    expect(detail.staleReason).toBe('eu no longer has this job (deleted or garbage-collected); this is the copy Dragonfly Desk kept.');
  });

  it('a finished job the manager later deletes still opens from history, with its error log', async () => {
    const eu = sim.get('eu');
    const job = plant(eu, 'cluster 1 scheduler 10.1.1.1 has no available seed peer');
    await watcher.tick();
    sim.clock.advance(31_000);
    await watcher.tick();
    eu.gc(0);
    const detail = await jobs.detail({ managerId: ids.eu!, jobId: job.id });
    expect(detail.row.gone).toBe(true);
    expect(detail.errorLog.map((e) => e.error)).toEqual(['cluster 1 scheduler 10.1.1.1 has no available seed peer']);
  });

  it('backs off from a manager that errors, without dropping it, and comes back to it', async () => {
    const us = sim.get('us');
    await us.stop();
    await watcher.tick();
    const state = () => watcher.states().find((s) => s.managerName === 'us')!;
    expect(state().ok).toBe(false);
    expect(state().error).toMatch(/^us is unreachable at .*: connection refused$/);
    // Within the backoff the manager is not asked again; the other is.
    await us.start();
    const before = us.requestLog.length;
    await watcher.tick();
    expect(us.requestLog.length).toBe(before);
    sim.clock.advance(16_000);
    await watcher.tick();
    expect(us.requestLog.length).toBeGreaterThan(before);
    expect(state().ok).toBe(true);
  });
});

describe('notifications', () => {
  it('never notifies a job twice, across ticks and across restarts of the app', async () => {
    const deliver: string[] = [];
    const make = async () => {
      const c = new NotificationCenter({ dataDir: dir, settings: { get: () => DEFAULT_SETTINGS, update: async () => DEFAULT_SETTINGS }, managerName: () => 'eu', deliver: (n) => void deliver.push(n.title), changed: () => undefined });
      await c.load();
      return c;
    };
    const event: WatchEvent = { managerId: 'm', managerName: 'eu', jobId: 7, kind: 'failed', description: 'nightly', reason: 'no seed peer' };
    const first = await make();
    await first.handle([event]);
    await first.handle([event]);
    const afterRestart = await make();
    await afterRestart.handle([event]);
    expect(deliver).toEqual(['Preheat #7 failed on eu']);
  });
});
