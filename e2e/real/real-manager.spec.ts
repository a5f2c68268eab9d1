import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { expect, test, type Page } from '@playwright/test';
import { launchApp, type RunningApp } from '../fixtures';

/**
 * The app against the real Dragonfly v2.5.1 manager and scheduler of scripts/real-stack (started by
 * npm test). Outside CI, without a running stack, the spec says so and skips.
 */
const stackFile = process.env.DESK_REAL_STACK ?? '/tmp/dragonfly-desk-real-stack/stack.json';
const stack = existsSync(stackFile)
  ? (JSON.parse(readFileSync(stackFile, 'utf8')) as { managerUrl: string; pat: string; rootUser: string; rootPassword: string; workDir: string })
  : null;

test.describe.configure({ mode: 'serial' });
test.skip(!stack && !process.env.CI, `no real Dragonfly stack at ${stackFile} (start it with scripts/real-stack/real-stack.sh up)`);

let app: RunningApp;
let page: Page;
const BIO = `e2e real preheat ${Date.now()}`;

test.beforeAll(async ({ browser }) => {
  if (!stack) throw new Error(`The real Dragonfly stack is not running: ${stackFile} is missing`);
  // The preheat below needs an active scheduler; this is a no-op when it already runs.
  execFileSync('bash', [join(__dirname, '../../scripts/real-stack/real-stack.sh'), 'scheduler-up'], {
    env: { ...process.env, DF_WORK_DIR: stack.workDir },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 180_000,
  });
  app = await launchApp(['--refresh-ms', '5000']);
  page = await browser.newPage();
  await page.goto(app.info.launchUrl);
});

test.afterAll(async () => {
  await page?.close();
  app?.stop();
});

test('add the real manager by password and by personal access token', async () => {
  await page.getByRole('link', { name: /^Managers/ }).click();
  const dialog = page.getByRole('dialog');
  await page.getByRole('button', { name: 'Add manager' }).click();
  await dialog.getByLabel('Display name').fill('real-root');
  await dialog.getByLabel('Base URL').fill(stack!.managerUrl);
  await dialog.getByRole('textbox', { name: 'Username' }).fill(stack!.rootUser);
  await dialog.getByLabel('Password', { exact: true }).fill(stack!.rootPassword);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const report = dialog.getByTestId('connection-report');
  await expect(report).toContainText('Signed in as root (root)', { timeout: 20_000 });
  await expect(report).toContainText(/v2\.4\.[14] or later \(fully supported\)/);
  await dialog.getByRole('button', { name: 'Add manager' }).click();
  await expect(page.getByTestId('manager-card-real-root')).toContainText('connected', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Add manager' }).click();
  await dialog.getByLabel('Display name').fill('real-pat');
  await dialog.getByLabel('Base URL').fill(stack!.managerUrl);
  await dialog.getByText('Personal access token', { exact: true }).click();
  await dialog.locator('input[type=password]').fill(stack!.pat);
  await dialog.getByRole('button', { name: 'Add manager' }).click();
  await expect(page.getByTestId('manager-card-real-pat')).toContainText('Token accepted on the open API', { timeout: 20_000 });
});

test('see its clusters', async () => {
  await page.getByRole('link', { name: 'Preheats' }).click();
  await page.getByRole('combobox', { name: 'Cluster' }).click();
  await expect(page.getByRole('option', { name: 'cluster-1 (#1)' })).toHaveCount(2);
  await page.keyboard.press('Escape');
});

test('a preheat created through the API appears, fails, and shows the manager\'s own error text', async () => {
  test.setTimeout(180_000);
  const res = await request(`${stack!.managerUrl}/oapi/v1/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack!.pat}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'preheat', bio: BIO, args: { type: 'file', url: 'http://127.0.0.1:9/e2e-real' }, scheduler_cluster_ids: [1] }),
  });
  expect(res.statusCode).toBe(200);
  const { id } = (await res.body.json()) as { id: number };

  await page.getByTestId('job-search').fill(BIO);
  const row = page.getByTestId('job-row').filter({ hasText: BIO }).filter({ hasText: 'real-root' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toHaveAttribute('data-job', `real-root:${id}`);
  // The manager records the failure at its t≈30 s poll; the list refreshes every 5 s here.
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'failed', { timeout: 90_000 });
  await expect(row.locator('[data-col=clusters]')).toHaveText('cluster-1');

  await row.click();
  await expect(page.getByTestId('job-detail').getByRole('heading', { name: `Preheat #${id}` })).toBeVisible();
  await expect(page.getByTestId('error-log')).toContainText('cluster-1 #1');
  await expect(page.getByTestId('error-text')).toHaveText('cluster 1 scheduler 127.0.0.1 no available seed peer');
  await expect(page.getByTestId('field-clusters')).toContainText('cluster-1 #1');
});
