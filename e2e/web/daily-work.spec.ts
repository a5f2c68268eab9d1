import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SimManager } from '../../tools/manager-sim/manager';
import { observeCached } from '../../tools/manager-sim/observe';
import { Simulator } from '../../tools/manager-sim/simulator';
import { seedInventory, seedJobs } from '../../tools/manager-sim/seed';
import { launchApp, type RunningApp } from '../fixtures';

/**
 * The operator's daily work on one manager with three days of jobs: what failed before the app
 * started, finding a job that is not loaded, a date range and sorting, editing and deleting jobs,
 * exporting a selection, and muting a manager under maintenance.
 */
test.describe.configure({ mode: 'serial' });

const OLD_ERROR = 'all peers preheat failed: group_old task_old 10.1.2.11 eu-b-seed-01 download failed: status 404 Not Found from origin';
const NEW_ERROR = 'all peers preheat failed: group_new task_new 10.1.2.12 eu-b-seed-02 download failed: status 500 from origin';
const HOUR = 3600_000;

let sim: Simulator;
let eu: SimManager;
let app: RunningApp;
let page: Page;
let managerId: string;
let oldFailureId: number;

/** A file preheat of `bio` created `ageMs` ago whose one cluster fails with `error` after 5 s. */
function insertFailing(bio: string, ageMs: number, error: string): number {
  return eu.insertJob({
    createdAt: sim.clock.now() - ageMs,
    patchedAt: null,
    pollerLostAt: null,
    taskId: `group_${randomUUID()}`,
    bio,
    type: 'preheat',
    userId: 1,
    clusterIds: [1],
    args: { type: 'file', url: '', urls: ['https://files.example.com/daily.bin'], scope: 'single_seed_peer', concurrent_task_count: 8, timeout: 3.6e12 },
    tasks: [{ clusterId: 1, taskUuid: `task_${randomUUID()}`, doneAfterS: 5, outcome: { kind: 'failure', error } }],
  }).id;
}

const rows = () => page.getByTestId('job-row');
const row = (id: number) => page.locator(`[data-testid=job-row][data-job="prod-eu:${id}"]`);

test.beforeAll(async ({ browser }) => {
  sim = new Simulator();
  eu = await sim.addManager('prod-eu');
  seedInventory(eu, { net: 1, clusters: [{ name: 'eu-a', peers: 6 }, { name: 'eu-b', peers: 6 }] });
  // Three days of jobs, and a failure of 30 h ago that ended long before the app was first started.
  seedJobs(eu, { count: 150, spanMs: 72 * HOUR, seed: 7 });
  oldFailureId = insertFailing('daily old failure', 30 * HOUR, OLD_ERROR);

  app = await launchApp(['--refresh-ms', '250']);
  const added = await app.rpc('managers.add', { name: 'prod-eu', baseUrl: eu.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
  expect(added.ok).toBe(true);
  managerId = added.value.id;

  page = await browser.newPage({ acceptDownloads: true });
  // The tab is in the background and the operator allowed notifications: record what the browser shows.
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { __shown: string[] }).__shown = shown;
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string) {
        shown.push(title);
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = FakeNotification;
  });
  await page.goto(await app.launchUrl());
});

test.afterAll(async () => {
  await page?.close();
  app?.stop();
  await sim?.close();
});

test('failures that ended before the app watched are in the log, marked seen at start, and raised no notification', async () => {
  await page.getByRole('link', { name: 'Failure log' }).click();
  const line = page.getByTestId('failure-row').filter({ hasText: OLD_ERROR });
  await expect(line).toHaveCount(1);
  await expect(line.getByTestId('seen-at-start')).toHaveText('at start');
  await line.click();
  await page.screenshot({ path: 'test-results/shots/seen-at-start.png' });
  await expect(page.getByTestId('failure-detail')).toContainText('found when the app started');
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('aria-label', 'Notifications (0 unread)');
});

test('an id that is not loaded is found by asking the manager', async () => {
  const now = sim.clock.now();
  // The oldest job that succeeded: beyond the first page, and older than the day the backfill reads.
  const oldest = [...eu.jobs.values()].filter((j) => observeCached(j, now).state === 'SUCCESS').sort((a, b) => a.createdAt - b.createdAt)[0]!;
  await page.getByRole('link', { name: 'Preheats' }).click();
  await expect(page.getByTestId('job-footer')).toContainText('of 151 preheats loaded');
  await expect(row(oldest.id)).toHaveCount(0);
  await page.getByTestId('job-search').fill(`#${oldest.id}`);
  await expect(row(oldest.id)).toHaveCount(1);
  await expect(page.getByTestId('find-result')).toHaveCount(0);

  // An id no manager has says so, manager by manager.
  await page.getByTestId('job-search').fill('#999999');
  await expect(page.getByTestId('find-result')).toContainText('No manager has job #999999');
  await page.getByTestId('job-search').fill('');
});

test('a created-date range loads older pages until it is covered, and the list sorts by created time', async () => {
  await page.getByTestId('filter-created').click();
  await page.getByRole('option', { name: 'Created: last 7 days' }).click();
  await expect(page.getByTestId('job-footer')).toContainText('151 of 151 preheats loaded');
  await expect(page.getByTestId('job-footer')).toContainText('151 match');
  await expect(page.getByTestId('filter-created')).toHaveValue('Created: last 7 days');

  const createdOf = async () => Promise.all((await rows().all()).slice(0, 5).map(async (r) => Date.parse((await r.locator('[data-col=created]').innerText()).replace(' ', 'T'))));
  // The header turns at the click; the rows follow when the back-end answers the new query.
  const sortedBy = async (order: 1 | -1) => {
    const created = await createdOf();
    return created.length === 5 && created.every((t, i) => i === 0 || (t - created[i - 1]!) * order > 0);
  };
  await page.getByTestId('sort-created').click();
  await expect(page.getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => sortedBy(1)).toBe(true);
  await page.getByTestId('sort-created').click();
  await expect(page.getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => sortedBy(-1)).toBe(true);
  await page.getByRole('button', { name: 'Clear filters' }).click();
});

test('a job\'s description is edited in place, one line, and the manager keeps it', async () => {
  await page.getByTestId('job-search').fill(`#${oldFailureId}`);
  await row(oldFailureId).click();
  await page.getByTestId('edit-description').click();
  const input = page.getByTestId('description-input');
  await input.fill('');
  // A pasted line break becomes a space: the manager keeps one line.
  await input.evaluate((el: HTMLInputElement) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'investigated 404\nsource moved');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(input).toHaveValue('investigated 404 source moved');
  await page.getByTestId('save-description').click();
  await expect(page.getByTestId('description')).toHaveText('investigated 404 source moved');
  expect(eu.jobs.get(oldFailureId)!.bio).toBe('investigated 404 source moved');

  // An empty description is refused in words, and what was typed stays.
  await page.getByTestId('edit-description').click();
  await input.fill(' ');
  await page.getByTestId('save-description').click();
  await page.screenshot({ path: 'test-results/shots/job-description-refused.png' });
  await expect(page.getByText('Description cannot be empty: the manager keeps the old one when sent an empty one')).toBeVisible();
  await expect(input).toHaveValue(' ');
  await input.press('Escape');
  await expect(page.getByTestId('description')).toHaveText('investigated 404 source moved');
});

test('a job deleted from its page is gone from the manager and the list', async () => {
  await page.getByTestId('delete-job').click();
  const dialog = page.getByTestId('delete-dialog');
  await expect(dialog).toContainText('Nothing already cached on peers is removed');
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByRole('heading', { name: 'Preheats' })).toBeVisible();
  expect(eu.jobs.has(oldFailureId)).toBe(false);
  await expect(page.getByTestId('job-empty')).toContainText('No preheat matches the filters');
  await page.getByTestId('job-search').fill('');
  await page.getByTestId('job-search').fill(`#${oldFailureId}`);
  await expect(page.getByTestId('find-result')).toContainText(`No manager has job #${oldFailureId}`);
  await page.getByTestId('job-search').fill('');
});

test('three selected jobs export as CSV with exactly those rows, and are deleted together', async () => {
  // The test before cleared the search last: its empty list stays until the whole list's answer is in.
  await expect(rows().nth(2)).toBeVisible();
  const picked = (await rows().all()).slice(0, 3);
  const ids: number[] = [];
  for (const r of picked) {
    ids.push(Number((await r.getAttribute('data-job'))!.split(':')[1]));
    await r.getByTestId('job-select').check();
  }
  await expect(page.getByTestId('selection-bar')).toContainText('3 selected');
  await page.screenshot({ path: 'test-results/shots/selection.png' });
  await page.getByTestId('export-jobs').click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'CSV (spreadsheet)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^dragonfly-preheats-.+\.csv$/);
  const lines = readFileSync((await file.path())!, 'utf8').trim().split(/\r?\n/);
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).map((l) => Number(l.split(',')[1]))).toEqual(expect.arrayContaining(ids));

  await page.getByTestId('delete-selected').click();
  await expect(page.getByTestId('delete-dialog')).toContainText('Delete 3 preheats?');
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);
  for (const id of ids) {
    expect(eu.jobs.has(id)).toBe(false);
    await expect(row(id)).toHaveCount(0);
  }
});

test('a muted manager\'s failure lands under the bell but not on the desktop; unmuted, the next one does', async () => {
  await page.getByRole('link', { name: 'Managers' }).click();
  await page.getByTestId('mute-prod-eu').click();
  await page.getByRole('menuitem', { name: 'until I unmute it' }).click();
  await expect(page.getByTestId('manager-card-prod-eu').getByTestId('muted-prod-eu')).toHaveText(/Muted until unmuted/);

  const muted = insertFailing('daily failure while muted', 0, NEW_ERROR);
  await expect.poll(async () => ((await app.rpc('watch.states')).value as { managerId: string; pending: number }[]).find((s) => s.managerId === managerId)!.pending).toBe(1);
  sim.clock.advance(35_000);
  await page.getByTestId('notification-bell').click();
  const center = page.getByTestId('notification-center');
  await expect(center.getByTestId('notification-item').filter({ hasText: `Preheat #${muted} failed on prod-eu` })).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __shown: string[] }).__shown)).toEqual([]);
  await page.screenshot({ path: 'test-results/shots/muted-bell.png' });

  // Unmuted from the bell, the next failure reaches the desktop too.
  await center.getByTestId('unmute-prod-eu').click();
  await expect(center.getByTestId('mute-prod-eu')).toBeVisible();
  await page.keyboard.press('Escape');
  const next = insertFailing('daily failure after unmute', 0, NEW_ERROR);
  await expect.poll(async () => ((await app.rpc('watch.states')).value as { managerId: string; pending: number }[]).find((s) => s.managerId === managerId)!.pending).toBe(1);
  sim.clock.advance(35_000);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __shown: string[] }).__shown)).toEqual([`Preheat #${next} failed on prod-eu`]);
});

test('removing the manager says how many kept jobs go with it, and then its failures are gone from the log', async () => {
  const kept = (await app.rpc('managers.removalImpact', { id: managerId })).value.keptJobs as number;
  expect(kept).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Managers' }).click();
  await page.getByTestId('manager-card-prod-eu').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('removal-history')).toHaveText(
    `Its history on this computer goes too: ${kept} jobs, with their peers and errors, which no longer open once the manager has garbage-collected them.`,
  );
  await page.getByTestId('removal-confirm').click();
  await expect(page.getByTestId('manager-card-prod-eu')).toHaveCount(0);
  await page.getByRole('link', { name: 'Failure log' }).click();
  await expect(page.getByTestId('failure-empty')).toBeVisible();
});
