import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SimManager } from '../../tools/manager-sim/manager';
import { Simulator } from '../../tools/manager-sim/simulator';
import { seedInventory } from '../../tools/manager-sim/seed';
import { launchApp, type RunningApp } from '../fixtures';

/**
 * The live watch as an operator meets it: a preheat fails on a manager while the app is open on
 * another page; the bell and the browser say so; the failure log tails it; the job still opens after
 * the manager garbage-collected it.
 */
test.describe.configure({ mode: 'serial' });

const URL_A = 'https://files.example.com/models/llama-70b.bin';
const SEED_ERROR = 'all peers preheat failed: group_x task_x 10.1.2.11 eu-b-seed-01 download failed: status 403 Forbidden from origin';
const PEER_ERROR = 'task 5c0f0d failed: rpc error: code = DeadlineExceeded desc = context deadline exceeded';

let sim: Simulator;
let eu: SimManager;
let app: RunningApp;
let page: Page;
let managerId: string;

interface Peer {
  url: string;
  hostname: string;
  ip: string;
  description: string;
}

const peers = (n: number, tag: string): Peer[] =>
  Array.from({ length: n }, (_, i) => ({ url: URL_A, hostname: `eu-a-${tag}-${String(i).padStart(3, '0')}`, ip: `10.1.${tag.length}.${i + 1}`, description: `${PEER_ERROR} (${tag} ${i})` }));

/** A job that is pending now and ends 5 s later (sim clock): failed peers in cluster 1, and cluster 2 failed outright if `clusterError`. */
function insertFailing(bio: string, failed: Peer[], clusterError: string | null): number {
  return eu.insertJob({
    createdAt: sim.clock.now(),
    patchedAt: null,
    pollerLostAt: null,
    taskId: `group_${randomUUID()}`,
    bio,
    type: 'preheat',
    userId: 1,
    clusterIds: clusterError ? [1, 2] : [1],
    args: { type: 'file', url: '', urls: [URL_A], scope: 'all_peers', concurrent_task_count: 8, concurrent_peer_count: 500, timeout: 3.6e12 },
    tasks: [
      { clusterId: 1, taskUuid: `task_${randomUUID()}`, doneAfterS: 5, outcome: { kind: 'success', succeeded: [{ url: URL_A, hostname: 'eu-a-ok-001', ip: '10.1.1.200' }], failed } },
      ...(clusterError ? [{ clusterId: 2, taskUuid: `task_${randomUUID()}`, doneAfterS: 5, outcome: { kind: 'failure' as const, error: clusterError } }] : []),
    ],
  }).id;
}

/** Let the watcher see the job pending, then move the manager past its 30 s poll so the job ends. */
async function finish(jobId: number) {
  await expect
    .poll(async () => {
      const states = (await app.rpc('watch.states')).value as { managerId: string; pending: number }[];
      return states.find((s) => s.managerId === managerId)!.pending;
    }, `the watcher sees job ${jobId} pending`)
    .toBe(1);
  sim.clock.advance(35_000);
}

test.beforeAll(async ({ browser }) => {
  sim = new Simulator();
  eu = await sim.addManager('prod-eu');
  seedInventory(eu, { net: 1, clusters: [{ name: 'eu-a', peers: 8 }, { name: 'eu-b', peers: 8 }] });
  app = await launchApp(['--refresh-ms', '250']);
  const added = await app.rpc('managers.add', { name: 'prod-eu', baseUrl: eu.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
  expect(added.ok).toBe(true);
  managerId = added.value.id;

  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  page = await context.newPage();
  // The tab is in the background and the operator allowed notifications: record what the browser shows.
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, opts: { body: string }) {
        shown.push({ title, body: opts.body });
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = FakeNotification;
  });
  await page.goto(await app.launchUrl());
});

test.afterAll(async () => {
  await page?.context().close();
  app?.stop();
  await sim?.close();
});

let jobA: number;

test('1. a failed preheat raises one notification with the manager text, which opens the failing peer', async () => {
  await page.getByRole('link', { name: 'Preheats' }).click();
  jobA = insertFailing('nightly model sync', peers(3, 'a'), SEED_ERROR);
  await finish(jobA);

  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName('Notifications (1 unread)');
  await expect.poll(() => page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown)).toEqual([
    { title: `Preheat #${jobA} failed on prod-eu`, body: `nightly model sync — ${SEED_ERROR}` },
  ]);

  await bell.click();
  const item = page.getByTestId('notification-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`Preheat #${jobA} failed on prod-eu`);
  await expect(item).toContainText(SEED_ERROR);
  await item.click();

  await expect(page).toHaveURL(new RegExp(`#/preheats/${managerId}/${jobA}$`));
  await expect(page.getByTestId('error-text')).toHaveText(SEED_ERROR);
  const failedPeer = page.getByTestId('peer-row').filter({ hasText: 'eu-a-a-000' });
  await expect(failedPeer).toContainText(`${PEER_ERROR} (a 0)`);
  await expect(bell).toHaveAccessibleName('Notifications (0 unread)');

  // Seen again on the next ticks, the job does not notify twice.
  sim.clock.advance(60_000);
  await expect.poll(async () => (await app.rpc('watch.states')).value[0].lastTickAt).not.toBeNull();
  await page.waitForTimeout(600);
  expect(await page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown.length)).toBe(1);
});

test('2. the failure log tails new failures, holds still when paused and counts what arrived', async () => {
  await page.getByTestId('nav-failures').click();
  const rows = page.getByTestId('failure-row');
  await expect(page.getByTestId('failure-count')).toHaveText('4 failures');
  await expect(rows.filter({ hasText: SEED_ERROR })).toContainText('eu-b-seed-01 (10.1.2.11)');

  // 80 failed peers arrive: the log follows to the newest.
  const jobB = insertFailing('warm edge caches', peers(80, 'bb'), null);
  await finish(jobB);
  await expect(page.getByTestId('failure-count')).toHaveText('84 failures');
  await expect(rows.filter({ hasText: 'eu-a-bb-079' })).toBeInViewport();

  // Paused, the view stays where it is and the button counts the arrivals.
  await page.getByTestId('failure-pause').click();
  await expect(page.getByTestId('failure-table')).toHaveAttribute('data-following', 'false');
  const jobC = insertFailing('retry edge caches', peers(5, 'ccc'), null);
  await finish(jobC);
  await expect(page.getByTestId('failure-follow')).toHaveText('Follow · 5 new');
  await expect(rows.filter({ hasText: 'eu-a-bb-079' })).toBeInViewport();
  await expect(rows.filter({ hasText: 'eu-a-ccc-004' })).not.toBeInViewport();

  await page.getByTestId('failure-follow').click();
  await expect(rows.filter({ hasText: 'eu-a-ccc-004' })).toBeInViewport();
  await expect(page.getByTestId('failure-table')).toHaveAttribute('data-following', 'true');

  // Scrolling up to read stops following.
  await page.getByTestId('failure-scroller').evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(page.getByTestId('failure-table')).toHaveAttribute('data-following', 'false');
  await expect(rows.filter({ hasText: SEED_ERROR })).toBeInViewport();
});

test('3. search, filter by peer, copy the selection and download the log', async () => {
  await page.getByTestId('failure-filter-peer').fill('10.1.3.4');
  await expect(page.getByTestId('failure-row')).toHaveCount(1);
  await expect(page.getByTestId('failure-row')).toContainText('eu-a-ccc-003');
  await page.getByTestId('failure-filter-peer').fill('');

  await page.getByTestId('failure-search').fill('(a 1)');
  await expect(page.getByTestId('failure-row')).toHaveCount(1);
  await page.getByTestId('failure-row').getByRole('checkbox').check();
  await page.getByTestId('failure-copy').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split('\t')).toEqual([expect.any(String), 'prod-eu', 'eu-a#1', `job#${jobA}`, 'peer_failure', 'eu-a-a-001', '10.1.1.2', URL_A, `${PEER_ERROR} (a 1)`]);

  await page.getByTestId('failure-search').fill('');
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Job error' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('failure-count')).toHaveText('1 matching failure');

  await page.getByRole('button', { name: 'Download' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /JSON/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^dragonfly-failures-.*\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { kind: string; text: string; jobId: number }[];
  expect(exported).toEqual([expect.objectContaining({ kind: 'job_error', text: SEED_ERROR, jobId: jobA })]);
  await page.getByRole('button', { name: 'Clear filters' }).click();
});

test('4. partial failures stay in the log, without notifying, once turned off in Settings', async () => {
  await page.getByRole('link', { name: 'Settings' }).click();
  const toggle = page.getByTestId('setting-notify-partial');
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  const before = await page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown.length);

  const jobD = insertFailing('partial one', peers(2, 'dddd'), null);
  await finish(jobD);
  await page.getByTestId('nav-failures').click();
  await expect(page.getByTestId('failure-row').filter({ hasText: 'eu-a-dddd-001' })).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __shown: unknown[] }).__shown.length)).toBe(before);
});

test('5. a job the manager garbage-collected still opens, from the copy kept on disk', async () => {
  expect(eu.gc(1000)).toBeGreaterThan(0);
  expect(eu.jobs.has(jobA)).toBe(false);
  await page.evaluate(([m, j]) => (location.hash = `#/preheats/${m}/${j}`), [managerId, jobA] as const);
  await expect(page.getByTestId('job-detail')).toContainText('prod-eu no longer has this job (deleted or garbage-collected)');
  await expect(page.getByTestId('error-text')).toHaveText(SEED_ERROR);
  await expect(page.getByTestId('peer-row').filter({ hasText: 'eu-a-a-002' })).toContainText(`${PEER_ERROR} (a 2)`);

  // In the merged list it stays, once, marked as gone from the manager.
  await page.getByRole('link', { name: 'Preheats' }).click();
  await page.getByTestId('job-search').fill('nightly model sync');
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  await expect(page.getByTestId('job-row')).toHaveAttribute('data-job', `prod-eu:${jobA}`);
  await expect(page.getByTestId('job-row')).toContainText('gone');
});
