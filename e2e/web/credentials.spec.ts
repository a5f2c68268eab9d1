import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Simulator } from '../../tools/manager-sim/simulator';
import { seedInventory, seedJobs } from '../../tools/manager-sim/seed';
import { launchApp, type RunningApp } from '../fixtures';

/**
 * Where no OS keychain can be used (a server, a container, an SSH login): the app still works, says
 * where the credentials are, lets the user opt in to the unencrypted file, and moves them into the
 * keychain once there is one.
 */
const PASSWORD = 'NoBus-Pass-1';
test.describe.configure({ mode: 'serial' });

let sim: Simulator;
let app: RunningApp | null = null;
let page: Page;
let managerUrl = '';
const dataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-nobus-'));
/** The app's environment with no session bus at all. */
const noBus: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'desk-nobus-run-')) };
delete noBus.DBUS_SESSION_BUS_ADDRESS;

test.beforeAll(async ({ browser }) => {
  sim = new Simulator();
  const m = await sim.addManager('offsite');
  seedInventory(m, { net: 7, clusters: [{ name: 'offsite-a', peers: 3 }] });
  seedJobs(m, { count: 12, spanMs: 3600_000, seed: 9 });
  m.addUser('ops', PASSWORD, 'root');
  managerUrl = m.url;
  page = await browser.newPage();
});

test.afterAll(async () => {
  app?.stop();
  await sim.close();
});

async function open(path: string) {
  await page.goto(await app!.launchUrl());
  await page.getByRole('link', { name: path }).click();
}

test('with no D-Bus at all, a manager is added and used, and the app says its credentials last until it quits', async () => {
  app = await launchApp([], { dataDir, env: noBus, secrets: null });
  expect(app.info.credentials).toMatch(/^Credentials are kept until Dragonfly Desk quits: no OS keychain here \(.+\)\.$/);
  await open('Managers');
  await expect(page.getByTestId('credentials-notice')).toContainText('Credentials are kept until Dragonfly Desk quits: no OS keychain here');

  await page.getByRole('button', { name: 'Add manager' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Display name').fill('offsite');
  await form.getByLabel('Base URL').fill(managerUrl);
  await form.getByRole('textbox', { name: 'Username' }).fill('ops');
  await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: 'Add manager' }).click();
  const card = page.getByTestId('manager-card-offsite');
  await expect(card.getByTestId('manager-secret-kept')).toHaveText('password kept until Dragonfly Desk quits');
  await expect(card).toContainText('connected');
  await page.getByRole('link', { name: 'Preheats' }).click();
  await expect(page.getByTestId('job-row').first()).toBeVisible();
});

test('opting in to the file keeps the password across a restart, in a 0600 file that says it is not encrypted', async () => {
  await open('Managers');
  await page.getByTestId('credentials-use-file').click();
  await page.getByTestId('credentials-use-file-confirm').click();
  const file = join(dataDir, 'secrets.json');
  await expect(page.getByTestId('credentials-notice')).toContainText(`Credentials are kept in ${file}, which is not encrypted`);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('NOT ENCRYPTED');
  expect(text).toContain(PASSWORD);

  app!.stop();
  app = await launchApp([], { dataDir, env: noBus, secrets: null });
  await open('Managers');
  const card = page.getByTestId('manager-card-offsite');
  await expect(card.getByTestId('manager-secret-kept')).toHaveText('password in secrets.json, not encrypted');
  await card.getByRole('button', { name: 'Test' }).click();
  await expect(card).toContainText('connected');
});

test('once a keychain is reachable, the app offers to move the credentials into it and deletes the file', async () => {
  test.skip(!process.env.DBUS_SESSION_BUS_ADDRESS, 'needs the Secret Service that npm test starts');
  app!.stop();
  app = await launchApp([], { dataDir, secrets: null });
  await open('Managers');
  await page.getByTestId('credentials-move-to-keychain').click();
  await expect(page.getByTestId('credentials-notice')).toHaveCount(0);
  expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
  const card = page.getByTestId('manager-card-offsite');
  await expect(card.getByTestId('manager-secret-kept')).toHaveCount(0);
  const id = (await app.rpc('managers.list')).value[0].id as string;
  expect(execFileSync('secret-tool', ['lookup', 'service', 'dragonfly-desk', 'username', `manager:${id}:password`], { encoding: 'utf8' })).toBe(PASSWORD);
  await card.getByRole('button', { name: 'Test' }).click();
  await expect(card).toContainText('connected');
});
