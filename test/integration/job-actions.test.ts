import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FailureLog } from '../../src/main/failures/failure-log';
import { failuresFromHistory } from '../../src/main/failures/from-history';
import { JobActions } from '../../src/main/jobs/job-actions';
import { exportJobs } from '../../src/main/jobs/job-export';
import { ManagerRegistry } from '../../src/main/managers/registry';
import type { WatchEvent } from '../../src/main/notify/policy';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import { Watcher } from '../../src/main/watch/watcher';
import { JobFilter } from '../../src/shared/models';
import { DeskError } from '../../src/shared/result';
import type { SimManager } from '../../tools/manager-sim/manager';
import type { SimTask } from '../../tools/manager-sim/model';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { createJobStack } from '../helpers/job-stack';
import { startSim } from '../helpers/sim';

let sim: Simulator;
let registry: ManagerRegistry;
const ids: Record<string, string> = {};
const stacks: Awaited<ReturnType<typeof createJobStack>>[] = [];
const watchers: Watcher[] = [];

/** A preheat the scheduler ends `doneAfterS` seconds after creation, with this outcome. */
function plant(m: SimManager, bio: string, outcome: SimTask['outcome'], doneAfterS = 5, type = 'preheat') {
  return m.insertJob({
    createdAt: m.clock.now(),
    patchedAt: null,
    pollerLostAt: null,
    taskId: `group_${randomUUID()}`,
    bio,
    type,
    userId: 1,
    clusterIds: [1],
    args: { type: 'file', urls: [`https://files.example.com/${randomUUID()}.bin`], scope: 'all_seed_peers' },
    tasks: [{ clusterId: 1, taskUuid: `task_${randomUUID()}`, doneAfterS, outcome }],
  });
}

const failure = (error: string): SimTask['outcome'] => ({ kind: 'failure', error });
const partial: SimTask['outcome'] = {
  kind: 'success',
  succeeded: [{ url: 'https://files.example.com/p.bin', hostname: 'seed-0', ip: '10.2.1.10' }],
  failed: [{ url: 'https://files.example.com/p.bin', hostname: 'seed-1', ip: '10.2.1.11', description: 'task 9 failed: connection reset' }],
};

/** The app's job stack and watcher over a data folder, as a start of the app builds them. */
/** `listDay`: the backfill takes the last day from the job list, as the app does (see backfill). */
async function openApp(dir: string, { listDay = false } = {}) {
  const stack = await createJobStack({ dir, registry, now: () => sim.clock.now(), perPage: 10 });
  stacks.push(stack);
  const failures = new FailureLog();
  failures.append(failuresFromHistory(stack.history, (id) => registry.all().find((r) => r.id === id)?.name ?? null));
  const events: WatchEvent[] = [];
  const watcher = new Watcher({
    registry,
    ledger: stack.ledger,
    names: stack.jobs.names,
    failures,
    now: () => sim.clock.now(),
    random: () => 0.5,
    onEvents: (e) => void events.push(...e),
    onTick: () => undefined,
    ...(listDay ? { listDay: (managerId: string, since: number) => stack.jobs.loadSinceOf(managerId, since) } : {}),
  });
  watchers.push(watcher);
  const actions = new JobActions({ registry, ledger: stack.ledger, failures, names: stack.jobs.names, now: () => sim.clock.now() });
  return { ...stack, failures, events, watcher, actions };
}

beforeAll(async () => {
  sim = await startSim([{ name: 'eu' }, { name: 'us' }]);
  sim.get('us').addUser('viewer', 'viewer-pass', 'guest');
  registry = new ManagerRegistry({ dataDir: mkdtempSync(join(tmpdir(), 'desk-actions-reg-')), secrets: new MemoryStore() });
  await registry.load();
  const add = async (name: string, baseUrl: string, username: string, password: string) =>
    (await registry.add({ name, baseUrl, auth: { kind: 'password', username, password }, caCertPath: null, skipTlsVerify: false })).id;
  ids.eu = await add('eu', sim.get('eu').url, 'root', 'dragonfly');
  ids.viewer = await add('us-viewer', sim.get('us').url, 'viewer', 'viewer-pass');
});

afterAll(async () => {
  for (const w of watchers) await w.dispose();
  for (const s of stacks) await s.dispose();
  await registry.dispose();
  await sim.close();
});

describe('backfill', () => {
  it('loads what ended before the app watched, marked "seen at start", without notifying; a restart neither repeats nor loses it', async () => {
    const eu = sim.get('eu');
    const failed = plant(eu, 'failed before the app', failure('cluster 1 scheduler 10.1.1.1 no available seed peer'));
    const part = plant(eu, 'partial before the app', partial);
    const fine = plant(eu, 'fine before the app', { kind: 'success', succeeded: [{ url: 'https://files.example.com/ok.bin', hostname: 'seed-0', ip: '10.2.1.10' }], failed: [] });
    const running = plant(eu, 'still running', failure('later'), 120);
    sim.clock.advance(31_000);

    const dir = mkdtempSync(join(tmpdir(), 'desk-backfill-'));
    const app = await openApp(dir);
    const report = await app.watcher.tick();
    expect(report.backfillCalls).toBeGreaterThanOrEqual(2);
    const logged = app.failures.matching({ managerIds: [ids.eu!] });
    expect(logged.map((e) => [e.jobId, e.kind, e.seenAtStart])).toEqual([
      [failed.id, 'job_error', true],
      [part.id, 'peer_failure', true],
    ]);
    expect(logged[0]!.text).toBe('cluster 1 scheduler 10.1.1.1 no available seed peer');
    expect(app.events).toEqual([]);
    expect(app.history.summary(ids.eu!, failed.id)?.transitions).toEqual([expect.objectContaining({ from: null, to: 'failed', seenAtStart: true })]);
    // The list has them too, and the success; the running one is the watcher's.
    for (const j of [failed, part, fine, running]) expect(app.ledger.index.get(ids.eu!, j.id)).toBeDefined();
    expect(app.watcher.states().find((s) => s.managerId === ids.eu)?.pending).toBe(1);
    await app.watcher.dispose();
    app.history.dispose();

    // Closed while `running` fails; started again: that one notifies once, as a live failure; the
    // backfilled ones come back from the history, once each, still marked.
    sim.clock.advance(200_000);
    const again = await openApp(dir);
    await again.watcher.tick();
    await again.watcher.tick();
    expect(again.events.map((e) => [e.jobId, e.kind])).toEqual([[running.id, 'failed']]);
    expect(again.failures.matching({ managerIds: [ids.eu!] }).map((e) => [e.jobId, e.seenAtStart])).toEqual([
      [failed.id, true],
      [part.id, true],
      [running.id, false],
    ]);
  });

  it('takes the last day from the job list when it holds it: no SUCCESS page is read twice, and the same failures are found', async () => {
    const eu = sim.get('eu');
    const byPages = await openApp(mkdtempSync(join(tmpdir(), 'desk-backfill-pages-')));
    await byPages.watcher.tick();
    const fromList = await openApp(mkdtempSync(join(tmpdir(), 'desk-backfill-list-')), { listDay: true });
    await fromList.jobs.syncManagers();
    const before = eu.requestLog.length;
    await fromList.watcher.tick();
    const asked = eu.requestLog.slice(before).map((r) => `${r.method} ${r.path}${r.query}`);
    expect(asked.filter((r) => r.includes('state=SUCCESS'))).toEqual([]);
    expect(asked.filter((r) => r.includes('state=FAILURE'))).not.toEqual([]);
    const lines = (app: typeof byPages) => app.failures.matching({ managerIds: [ids.eu!] }).map((e) => [e.jobId, e.kind, e.text, e.seenAtStart]);
    expect(lines(fromList)).toEqual(lines(byPages));
    // The partial success is in the log: the list names it a problem, and it alone is read in full.
    expect(lines(fromList).some(([, kind]) => kind === 'peer_failure')).toBe(true);
    const single = asked.filter((r) => /^GET \/api\/v1\/jobs\/\d+/.test(r));
    expect(single.length).toBeGreaterThan(0);
    expect(single.length).toBeLessThan(lines(fromList).length + 1);
  });
});

describe('acting on jobs', () => {
  let app: Awaited<ReturnType<typeof openApp>>;
  beforeAll(async () => {
    app = await openApp(mkdtempSync(join(tmpdir(), 'desk-actions-')));
    await app.jobs.syncManagers();
  });

  it('finds a job id the list has not loaded by asking the managers, and says why the others have none', async () => {
    const eu = sim.get('eu');
    const old = plant(eu, 'an older one', failure('x'));
    for (let i = 0; i < 30; i++) plant(eu, `newer ${i}`, failure('y'));
    const gc = plant(eu, 'not a preheat', failure('z'), 5, 'gc');
    // Over by now: no pending job makes the list read further than its first page.
    sim.clock.advance(31_000);
    await app.jobs.refreshManager(ids.eu!);
    expect(app.ledger.index.get(ids.eu!, old.id)).toBeUndefined();

    const res = await app.actions.find(old.id);
    expect(res.found.map((r) => [r.managerName, r.id, r.description])).toEqual([['eu', old.id, 'an older one']]);
    expect(app.ledger.index.get(ids.eu!, old.id)).toBeDefined();
    expect(res.missing).toEqual([{ managerId: ids.viewer, managerName: 'us-viewer', reason: `us-viewer has no job ${old.id} (deleted or garbage-collected)` }]);

    const notPreheat = await app.actions.find(gc.id, [ids.eu!]);
    expect(notPreheat).toEqual({ found: [], missing: [{ managerId: ids.eu, managerName: 'eu', reason: `job ${gc.id} on eu is a gc job, not a preheat` }] });
  });

  it('changes a description on the manager and in the list; refuses an empty or multi-line one, and a guest, in words', async () => {
    const eu = sim.get('eu');
    const job = plant(eu, 'before', failure('x'));
    await app.jobs.refreshManager(ids.eu!);
    const row = await app.actions.describe({ managerId: ids.eu!, jobId: job.id }, 'nightly warm-up of the model');
    expect(row.description).toBe('nightly warm-up of the model');
    expect(eu.jobs.get(job.id)?.bio).toBe('nightly warm-up of the model');
    expect(app.jobs.query({ search: 'nightly warm-up' }, 0, 10).rows.map((r) => r.id)).toEqual([job.id]);

    const refusal = (p: Promise<unknown>) => p.then(() => null, (e: DeskError) => [e.code, e.message]);
    expect(await refusal(app.actions.describe({ managerId: ids.eu!, jobId: job.id }, '  '))).toEqual([
      'invalid_input',
      'Description cannot be empty: the manager keeps the old one when sent an empty one',
    ]);
    expect(await refusal(app.actions.describe({ managerId: ids.eu!, jobId: job.id }, 'two\nlines'))).toEqual(['invalid_input', 'Description must be a single line']);
    expect(eu.jobs.get(job.id)?.bio).toBe('nightly warm-up of the model');

    const us = sim.get('us');
    const theirs = plant(us, 'on us', failure('x'));
    expect(await refusal(app.actions.describe({ managerId: ids.viewer!, jobId: theirs.id }, 'mine now'))).toEqual([
      'permission_denied',
      'us-viewer: this user may not do that (permission deny). Guest users can only read; sign in as a user with the root role.',
    ]);
  });

  it('deletes jobs on their managers: gone from the list, the history and the log; one already gone counts; a refusal is per job', async () => {
    const eu = sim.get('eu');
    const us = sim.get('us');
    const a = plant(eu, 'delete me', failure('cluster 1 scheduler 10.1.1.1 no available seed peer'), 1);
    const b = plant(eu, 'delete me too', failure('x'), 1);
    const theirs = plant(us, 'not yours', failure('x'), 1);
    await app.watcher.tick();
    sim.clock.advance(31_000);
    await app.watcher.tick();
    expect(app.failures.matching({ job: `${ids.eu}:${a.id}` })).toHaveLength(1);
    eu.deleteJob(b.id);

    const res = await app.actions.delete([
      { managerId: ids.eu!, jobId: a.id },
      { managerId: ids.eu!, jobId: b.id },
      { managerId: ids.viewer!, jobId: theirs.id },
    ]);
    expect(res.done).toEqual(expect.arrayContaining([{ managerId: ids.eu, jobId: a.id }, { managerId: ids.eu, jobId: b.id }]));
    expect(res.done).toHaveLength(2);
    expect(res.refused).toEqual([{ managerId: ids.viewer, jobId: theirs.id, managerName: 'us-viewer', message: expect.stringContaining('Guest users can only read') }]);
    expect(eu.jobs.has(a.id)).toBe(false);
    expect(us.jobs.has(theirs.id)).toBe(true);
    expect(app.ledger.index.get(ids.eu!, a.id)).toBeUndefined();
    expect(app.history.summary(ids.eu!, a.id)).toBeNull();
    expect(app.failures.matching({ job: `${ids.eu}:${a.id}` })).toEqual([]);
  });

  it('exports the filtered list as CSV a spreadsheet cannot run, and as JSON', async () => {
    const eu = sim.get('eu');
    plant(eu, '=HYPERLINK("http://evil.example")', failure('x'));
    await app.jobs.refreshManager(ids.eu!);
    const rows = app.jobs.rowsOf(JobFilter.parse({ search: 'hyperlink' }));
    const csv = exportJobs(rows, 'csv', new Date(Date.UTC(2026, 10, 30, 12)));
    expect(csv.fileName).toBe('dragonfly-preheats-2026-11-30T12-00-00.csv');
    const [head, line] = csv.content.split('\r\n');
    expect(head).toBe('manager,id,status,state,kind,description,urls,clusters,created_at,updated_at,duration_s,failed_peers,gone');
    expect(line).toContain(`eu,${rows[0]!.id},pending,PENDING,file,"'=HYPERLINK(""http://evil.example"")"`);
    const json = exportJobs(rows, 'json', new Date());
    expect(JSON.parse(json.content)).toEqual(rows);
    expect(json.count).toBe(1);
  });
});
