import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SimManager } from '../../tools/manager-sim/manager';
import { seedInventory } from '../../tools/manager-sim/seed';
import { Simulator } from '../../tools/manager-sim/simulator';
import { launchApp, type RunningApp } from '../fixtures';

/**
 * The overview as an operator opens it: three managers, one of them down and one signed in with a
 * token that expires in 3 days; a cluster that cannot take preheats; a failure one click from its job.
 */
test.describe.configure({ mode: 'serial' });

const PAT = 'ZGFzaGJvYXJkLWUyZS1wYXQtMDAwMDAwMDAwMDAwMDAwMDAwMDA';
const ERROR = 'cluster 1 scheduler 10.1.1.1 task 7c1d failed: rpc error: code = Unavailable desc = connection refused';

let sim: Simulator;
let eu: SimManager;
let app: RunningApp;
let page: Page;
let euId: string;

const card = (name: string) => page.getByTestId(`overview-${name}`);
const row = (manager: string, cluster: number) => page.locator(`[data-testid=cluster-row][data-cluster="${manager}:${cluster}"]`);

test.beforeAll(async ({ browser }) => {
  sim = new Simulator();
  eu = await sim.addManager('prod-eu');
  seedInventory(eu, {
    net: 1,
    clusters: [
      { name: 'eu-west', seedPeers: 2, peers: 40, idc: 'ams1', location: 'eu|nl' },
      { name: 'eu-legacy', preheatFeature: false, seedPeers: 1, peers: 6 },
    ],
  });
  const us = await sim.addManager('prod-us');
  seedInventory(us, { net: 2, clusters: [{ name: 'us-east', peers: 10 }, { name: 'us-west', peers: 5 }] });
  us.addPat({ token: PAT, expiredAt: sim.clock.now() + 3 * 86400_000 });
  const down = await sim.addManager('lab');
  seedInventory(down, { net: 3, clusters: [{ name: 'lab-1' }] });

  app = await launchApp(['--refresh-ms', '250']);
  euId = (await app.rpc('managers.add', { name: 'prod-eu', baseUrl: eu.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })).value.id;
  expect((await app.rpc('managers.add', { name: 'lab', baseUrl: down.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })).ok).toBe(true);
  await down.stop();

  page = await browser.newPage();
  await page.goto(await app.launchUrl());
});

test.afterAll(async () => {
  await page?.close();
  app?.stop();
  await sim?.close();
});

test('1. a token login with its expiry, added through the form, warns 3 days ahead on its card', async () => {
  await page.getByRole('link', { name: /^Managers/ }).click();
  await page.getByRole('button', { name: 'Add manager' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Display name').fill('prod-us');
  await dialog.getByLabel('Base URL').fill(sim.get('prod-us').url);
  await dialog.getByText('Personal access token', { exact: true }).click();
  await dialog.locator('input[type=password]').fill(PAT);
  const expires = new Date(sim.clock.now() + 3 * 86400_000).toISOString().slice(0, 10);
  await dialog.getByTestId('token-expires').fill(expires);
  await dialog.getByRole('button', { name: 'Add manager' }).click();
  await expect(page.getByTestId('manager-card-prod-us')).toContainText(`expires ${expires}`);

  await page.getByTestId('nav-overview').click();
  await expect(card('prod-us').getByTestId('overview-warning')).toHaveText(`The personal access token expires in 3 days (${expires}): create a new one and edit this manager.`);
  await expect(card('prod-us').getByTestId('overview-login')).toContainText(`Personal access token, expires ${expires}`);
});

test('2. the cards show each manager\'s counts, what a token cannot see, and the manager that is down', async () => {
  const euCard = card('prod-eu');
  await expect(euCard.getByTestId('overview-state')).toHaveText('reachable');
  await expect(euCard.getByTestId('fig-clusters')).toContainText('2');
  await expect(euCard.getByTestId('fig-schedulers')).toContainText('2/2');
  await expect(euCard.getByTestId('fig-seed-peers')).toContainText('3/3');
  await expect(euCard.getByTestId('fig-peers')).toContainText('46');
  await expect(euCard).toContainText('1 active scheduler with the preheat feature');
  await expect(euCard.getByTestId('overview-login')).toContainText('root (root), signed in with a password');

  const usCard = card('prod-us');
  await expect(usCard.getByTestId('fig-clusters')).toContainText('2');
  await expect(usCard.getByTestId('fig-schedulers')).toContainText('–');
  await expect(usCard.getByTestId('overview-hidden')).toHaveText(/^A personal access token reaches only jobs and clusters/);

  const lab = card('lab');
  await expect(lab.getByTestId('overview-state')).toHaveText('unreachable');
  await expect(lab.getByTestId('overview-error')).toContainText('lab is unreachable');
  // The dead manager holds nothing up: the others' clusters are all there.
  await expect(page.getByTestId('cluster-row')).toHaveCount(4);
});

test('3. the cluster whose only scheduler lacks the preheat feature is flagged with the reason', async () => {
  const legacy = row('prod-eu', 2);
  await expect(legacy.locator('[data-state=cannot]')).toHaveText('cannot preheat');
  await expect(legacy.locator('[data-col=reason]')).toHaveText('No active scheduler has the preheat feature (features: schedule)');
  await expect(row('prod-eu', 1).locator('[data-state=ready]')).toBeVisible();
  await expect(row('prod-us', 1).locator('[data-state=unknown]')).toHaveText('not visible');

  await page.getByTestId('filter-cannot').click();
  await expect(page.getByTestId('cluster-row')).toHaveCount(1);
  await expect(page.getByTestId('cluster-row')).toHaveAttribute('data-cluster', 'prod-eu:2');
  await page.getByTestId('filter-cannot').click();
  await page.getByTestId('cluster-search').fill('us-');
  await expect(page.getByTestId('cluster-row')).toHaveCount(2);
  await page.getByTestId('cluster-search').fill('');
});

test('4. a cluster\'s last failure is one click from the failing job', async () => {
  const jobId = eu.insertJob({
    createdAt: sim.clock.now(),
    patchedAt: null,
    pollerLostAt: null,
    taskId: `group_${randomUUID()}`,
    bio: 'dashboard failing preheat',
    type: 'preheat',
    userId: 1,
    clusterIds: [1],
    args: { type: 'file', url: '', urls: ['https://files.example.com/d.bin'], scope: 'single_seed_peer' },
    tasks: [{ clusterId: 1, taskUuid: `task_${randomUUID()}`, doneAfterS: 5, outcome: { kind: 'failure', error: ERROR } }],
  }).id;
  await expect.poll(async () => ((await app.rpc('watch.states')).value as { managerId: string; pending: number }[]).find((s) => s.managerId === euId)!.pending).toBe(1);
  sim.clock.advance(35_000);

  const west = row('prod-eu', 1);
  await expect(west.getByTestId('last-failure')).toHaveText(`job #${jobId}`);
  await expect(west.locator('[data-col=last-failure]')).toContainText(ERROR);
  await expect(card('prod-eu').getByTestId('overview-outcomes')).toContainText('1 failed');
  await west.getByTestId('last-failure').click();
  await expect(page).toHaveURL(new RegExp(`#/preheats/${euId}/${jobId}$`));
  await expect(page.getByTestId('error-text')).toHaveText(ERROR);
});

test('5. a cluster\'s detail: schedulers, seed peers, peers by version with a CSV, its preheats, and a preheat to it', async () => {
  await page.getByTestId('nav-overview').click();
  await row('prod-eu', 1).click();
  const detail = page.getByTestId('cluster-detail');
  await expect(detail.getByRole('heading', { name: 'eu-west' })).toBeVisible();
  await expect(page.getByTestId('cluster-capability')).toHaveText('can take preheats');
  await expect(page.getByTestId('scheduler-table')).toContainText('eu-west-scheduler-0');
  await expect(page.getByTestId('scheduler-table')).toContainText('schedule, preheat');
  await expect(page.getByTestId('seed-peer-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('peer-summary')).toContainText('40 peers (40 active)');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('peers-csv').click()]);
  expect(download.suggestedFilename()).toBe('prod-eu-eu-west-peers.csv');
  const lines = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
  expect(lines).toHaveLength(41);
  expect(lines[1]).toMatch(/^eu-west-node-000,10\.1\.1\.50,normal,active,,,linux,debian,v1\.0\.9,4f1c2a9,\d{4}-/);

  await page.getByTestId('cluster-preheats').click();
  await expect(page).toHaveURL(/#\/preheats$/);
  // The list is filtered to the cluster: its pill is in the Cluster filter.
  await expect(page.locator('.mantine-Pill-label', { hasText: 'eu-west (#1)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Clear filters' })).toBeVisible();
  await expect(page.getByTestId('job-row').filter({ hasText: 'dashboard failing preheat' })).toHaveCount(1);

  await page.getByTestId('nav-overview').click();
  await row('prod-eu', 1).click();
  await page.getByTestId('preheat-here').click();
  await expect(page.getByTestId('target-prod-eu-eu-west')).toBeChecked();
  await expect(page.getByTestId('target-prod-eu-eu-legacy')).not.toBeChecked();
});

test('6. a cluster that cannot take preheats says why in its detail, and offers no preheat to it', async () => {
  await page.getByTestId('nav-overview').click();
  await row('prod-eu', 2).click();
  await expect(page.getByTestId('cluster-reason')).toHaveText('No active scheduler has the preheat feature (features: schedule)');
  await expect(page.getByTestId('preheat-here')).toBeDisabled();
});

test('7. the outcomes reach back 7 and 30 days, chosen with the mouse or the arrow keys', async () => {
  await page.getByTestId('nav-overview').click();
  const range = page.getByRole('radiogroup', { name: 'Range' });
  await expect(range.getByRole('radio', { name: '24 h' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText('Managers delete jobs after 6 hours')).toHaveCount(0);

  await range.getByRole('radio', { name: '7 d' }).click();
  await expect(range.getByRole('radio', { name: '7 d' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('cluster-table')).toContainText('Outcomes, 7d');
  await expect(page.getByText('Managers delete jobs after 6 hours; older outcomes come from the history')).toBeVisible();
  // The failure of test 4 is within the week.
  await expect(page.getByTestId('dashboard')).toContainText('1 failed');

  await page.keyboard.press('ArrowRight');
  await expect(range.getByRole('radio', { name: '30 d' })).toHaveAttribute('aria-checked', 'true');
  await expect(range.getByRole('radio', { name: '30 d' })).toBeFocused();
  await expect(page.getByTestId('cluster-table')).toContainText('Outcomes, 30d');
});
