import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { seedInventory } from '../../tools/manager-sim/seed';
import { Simulator } from '../../tools/manager-sim/simulator';
import { filesUnder, launchApp, type RunningApp } from '../fixtures';

test.describe.configure({ mode: 'serial' });

let sim: Simulator;
let app: RunningApp;
let page: Page;

const DRAFT = 'e2e nightly model warm-up';
const SECRET = 'Bearer e2e-draft-secret';

test.beforeAll(async ({ browser }) => {
  sim = new Simulator();
  seedInventory(await sim.addManager('prod-eu'), { net: 1, clusters: [{ name: 'eu-a', seedPeers: 2 }, { name: 'eu-b', seedPeers: 1 }] });
  seedInventory(await sim.addManager('prod-down'), { net: 2, clusters: [{ name: 'down-a', seedPeers: 1 }] });
  // The watcher looks every 2 s: a manager that answers again wakes its queued parts within seconds.
  app = await launchApp(['--refresh-ms', '2000']);
  for (const m of sim.managers.values()) {
    const res = await app.rpc('managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
    expect(res.ok).toBe(true);
  }
  // The app reads every manager's clusters once, so it knows them when one goes down.
  const targets = (await app.rpc('preheats.targets', { refresh: true })).value as { managerName: string; clusters: unknown[] }[];
  expect(targets.map((t) => [t.managerName, t.clusters.length])).toEqual([
    ['prod-eu', 2],
    ['prod-down', 1],
  ]);
  page = await browser.newPage();
  await page.goto(await app.launchUrl());
});

test.afterAll(async () => {
  await page?.close();
  app?.stop();
  await sim?.close();
});

/** A new, empty file draft in the form. */
async function newFileDraft(description: string, url: string) {
  await page.getByRole('link', { name: 'New preheat' }).click();
  await page.getByTestId('new-draft').click();
  await expect(page.getByTestId('draft-save-state')).toHaveAttribute('data-state', 'new');
  await page.getByTestId('kind').getByText('File', { exact: true }).click();
  await page.getByLabel('Description').fill(description);
  await page.getByLabel('URL 1', { exact: true }).fill(url);
}

const saved = () => expect(page.getByTestId('draft-save-state')).toHaveAttribute('data-state', 'saved');
const draftRow = (name: string) => page.getByTestId('draft-row').filter({ has: page.locator(`[data-col=name]`, { hasText: name }) });

test('a draft is saved as it is typed, and after a reload the form reopens on it', async () => {
  await newFileDraft(DRAFT, 'https://files.example.com/model-v1.bin');
  await page.getByTestId('target-prod-eu-eu-a').check();
  await page.getByRole('button', { name: 'Add a header' }).click();
  await page.getByLabel('Header 1 name').fill('Authorization');
  await page.getByLabel('Header 1 value').fill(SECRET);
  await saved();
  await expect(page.getByTestId('draft-name')).toHaveText(DRAFT);
  await page.getByTestId('draft-bar').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/shots/form.png' });
  // The secret header's value went to the keychain, never into the draft's file.
  expect(filesUnder(join(app.info.dataDir, 'drafts')).some((f) => f.text.includes(DRAFT))).toBe(true);
  expect(filesUnder(app.info.dataDir).some((f) => f.text.includes('e2e-draft-secret'))).toBe(false);

  await page.reload();
  await expect(page.getByLabel('Description')).toHaveValue(DRAFT);
  await expect(page.getByLabel('URL 1', { exact: true })).toHaveValue('https://files.example.com/model-v1.bin');
  await expect(page.getByTestId('target-prod-eu-eu-a')).toBeChecked();
  await expect(page.getByLabel('Header 1 name')).toHaveValue('Authorization');
  await expect(page.getByLabel('Header 1 value')).toHaveValue('');
  await expect(page.getByLabel('Header 1 value')).toHaveAttribute('placeholder', 'stored: leave empty to keep it');
  await expect(page.getByTestId('draft-save-state')).toHaveAttribute('data-state', 'saved');

  await page.getByTestId('nav-drafts').click();
  const row = draftRow(DRAFT);
  await expect(row).toHaveCount(1);
  await expect(row.locator('[data-col=kind]')).toHaveText('file');
  await expect(row.locator('[data-col=targets]')).toHaveText('prod-eu: eu-a');
  await expect(row.locator('[data-col=edited]')).toHaveText(/just now|\d+ s ago/);
  await expect(row.locator('[data-col=status]')).toHaveText('ready to send');
  await expect(page.getByTestId('nav-drafts-count')).toHaveText('1');
});

test('a cluster of a manager that is down can still be picked, with the age of what is known', async () => {
  await newFileDraft('e2e queued while down', 'https://files.example.com/queued.bin');
  await sim.get('prod-down').stop();
  await page.getByRole('button', { name: 'Check the clusters again' }).click();
  const stale = page.getByTestId('target-stale-prod-down');
  await expect(stale).toContainText(/^as of (just now|\d+ s ago) · /);
  await expect(stale).toContainText('a preheat to it waits in the outbox until it answers');
  await page.getByTestId('target-prod-down-down-a').check();
  await expect(page.getByTestId('target-prod-down-down-a')).toBeChecked();
});

test('a submit to it waits in the Outbox, saying why', async () => {
  await expect(page.getByTestId('if-unreachable').getByRole('radio', { name: 'queue until it answers' })).toBeChecked();
  await page.getByTestId('submit-preheat').click();
  await expect(page.getByTestId('submission-target-prod-down')).toHaveAttribute('data-state', 'queued');
  await expect(page.getByTestId('nav-outbox-waiting')).toHaveText('1');
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/submissions/', ''));

  // Where its notification's link (dragonfly-desk://outbox?submission=…) leads: the Outbox, at it.
  await page.evaluate((hash) => (location.hash = hash), `#/outbox?submission=${encodeURIComponent(id)}`);
  const submission = page.locator(`[data-testid=outbox-submission][data-id="${id}"]`);
  await expect(submission).toHaveAttribute('data-focused', 'true');
  await expect(submission).toContainText('e2e queued while down');
  const part = submission.getByTestId('submission-target-prod-down');
  await expect(part).toHaveAttribute('data-state', 'queued');
  await expect(part).toContainText('queued');
  await expect(part.getByTestId('target-waiting')).toHaveText(/^Waiting: prod-down unreachable: .+/);
  await expect(part.getByTestId('target-retry')).toHaveText('Send now');
  await page.screenshot({ path: 'test-results/shots/outbox-queued.png', fullPage: true });

  // Sent, the draft is done: the form starts a new one.
  await page.getByRole('link', { name: 'New preheat' }).click();
  await expect(page.getByTestId('draft-save-state')).toHaveAttribute('data-state', 'new');
  await expect(page.getByLabel('Description')).toHaveValue('');
});

test('when the manager answers again the job is created, linked and announced under the bell', async () => {
  test.setTimeout(120_000);
  const down = sim.get('prod-down');
  await down.start();
  await page.getByTestId('nav-outbox').click();
  const part = page.getByTestId('outbox-submission').filter({ hasText: 'e2e queued while down' }).getByTestId('submission-target-prod-down');
  // The watcher backs off from a manager that failed; its next look finds it up and wakes the outbox.
  await expect(part).toHaveAttribute('data-state', 'created', { timeout: 90_000 });
  const jobId = Number((await part.getByTestId('created-job').innerText()).replace(/\D/g, ''));
  expect([...down.jobs.values()].filter((j) => JSON.stringify(j.args).includes('queued.bin')).map((j) => j.id)).toEqual([jobId]);
  await expect(page.getByTestId('nav-outbox-waiting')).toHaveCount(0);

  await page.getByTestId('notification-bell').click();
  const note = page.getByTestId('notification-item').filter({ hasText: 'Queued preheat created on prod-down' });
  await expect(note).toContainText(`e2e queued while down: job #${jobId}`);
  await page.keyboard.press('Escape');

  await part.getByTestId('created-job').click();
  await expect(page.getByTestId('job-detail').getByRole('heading', { name: `Preheat #${jobId}` })).toBeVisible();
});

test('a draft exported and dropped back onto the window comes back equal, its secret asked for', async () => {
  await page.getByTestId('nav-drafts').click();
  const row = draftRow(DRAFT);
  const id = (await row.getAttribute('data-id'))!;
  const original = (await app.rpc('drafts.get', { id })).value;

  await row.getByTestId('doc-menu').click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Export as YAML' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('e2e-nightly-model-warm-up.yaml');
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toMatch(/^apiVersion: dragonfly-desk\/v1\nkind: PreheatDraft\n/);
  expect(text).not.toContain('e2e-draft-secret');

  // Dropped anywhere: here on the overview.
  await page.getByTestId('nav-overview').click();
  const dropped = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'e2e-nightly-model-warm-up.yaml', { type: 'application/yaml' }));
    return dt;
  }, text);
  await page.dispatchEvent('main', 'drop', { dataTransfer: dropped });
  const prompt = page.getByTestId('import-secrets');
  await expect(prompt).toContainText('e2e-nightly-model-warm-up.yaml leaves out the value of a secret header');
  await prompt.getByTestId('import-secrets-give').click();
  await expect(prompt.getByText('Type the value of Authorization')).toBeVisible();
  await prompt.getByLabel('Authorization').fill(SECRET);
  await prompt.getByTestId('import-secrets-give').click();

  await expect(page.getByTestId('drafts-page')).toBeVisible();
  await expect(page.getByTestId('import-outcome')).toHaveText(`e2e-nightly-model-warm-up.yaml: imported draft “${DRAFT}”`);
  await expect(draftRow(DRAFT)).toHaveCount(2);
  const copyId = (await draftRow(DRAFT).evaluateAll((rows, first) => rows.map((r) => r.getAttribute('data-id')).filter((x) => x !== first), id))[0]!;
  const copy = (await app.rpc('drafts.get', { id: copyId })).value;
  expect(copy.spec).toEqual(original.spec);
  expect(copy.targets).toEqual(original.targets);
  expect(copy.storedSecretHeaders).toEqual(['Authorization']);
  expect(filesUnder(app.info.dataDir).some((f) => f.text.includes('e2e-draft-secret'))).toBe(false);

  // Opened in the form, it reads as the original did.
  await page.locator(`[data-testid=draft-row][data-id="${copyId}"]`).getByTestId('doc-use').click();
  await expect(page.getByLabel('Description')).toHaveValue(DRAFT);
  await expect(page.getByLabel('Header 1 value')).toHaveAttribute('placeholder', 'stored: leave empty to keep it');
});

test('a draft saved as a template starts new drafts, each asking for its marked fields', async () => {
  await newFileDraft('e2e model {{version}} warm-up', 'https://files.example.com/model-{{version}}.bin');
  await page.getByTestId('target-prod-eu-eu-b').check();
  await saved();
  await page.getByTestId('save-as-template').click();
  const dialog = page.getByTestId('template-dialog');
  await dialog.getByLabel('Template name').fill('nightly model warm-up');
  await dialog.getByLabel('Description of version').fill('Model version');
  await dialog.getByLabel('Pattern of version').fill('v(');
  await dialog.getByTestId('template-save').click();
  await expect(dialog.getByText('Not a valid regular expression')).toBeVisible();
  await dialog.getByLabel('Pattern of version').fill('v\\d+');
  await expect(dialog.getByText('Not a valid regular expression')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/shots/template-dialog.png' });
  await dialog.getByTestId('template-save').click();
  await expect(page.getByTestId('template-saved')).toContainText('Saved as the template “nightly model warm-up”');

  await page.getByTestId('template-saved').getByRole('link', { name: 'See the templates' }).click();
  const row = page.getByTestId('template-row').filter({ hasText: 'nightly model warm-up' });
  await expect(row.locator('[data-col=status]')).toHaveText('{{version}}');
  await expect(row.locator('[data-col=targets]')).toHaveText('prod-eu: eu-b');
  await row.getByTestId('doc-use').click();
  const ask = page.getByTestId('from-template');
  await ask.getByLabel('Model version').fill('latest');
  await ask.getByTestId('from-template-create').click();
  await expect(ask.getByText('Model version must match v\\d+')).toBeVisible();
  await ask.getByLabel('Model version').fill('v7');
  await page.screenshot({ path: 'test-results/shots/from-template.png' });
  await ask.getByTestId('from-template-create').click();

  await expect(page.getByLabel('URL 1', { exact: true })).toHaveValue('https://files.example.com/model-v7.bin');
  await expect(page.getByLabel('Description')).toHaveValue('e2e model v7 warm-up');
  await expect(page.getByTestId('target-prod-eu-eu-b')).toBeChecked();
  // The template stays as it was, ready for the next time.
  await page.getByTestId('nav-drafts').click();
  await page.getByTestId('tab-templates').click();
  await expect(page.getByTestId('template-row')).toHaveCount(1);
  await page.getByTestId('tab-drafts').click();
  await expect(draftRow('e2e model v7 warm-up')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/shots/drafts.png', fullPage: true });
});

test('a draft deleted from the Drafts page comes back with Undo', async () => {
  await page.getByTestId('nav-drafts').click();
  const row = draftRow('e2e model v7 warm-up');
  await row.getByTestId('doc-menu').click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  const notice = page.getByTestId('undo-notice').filter({ hasText: 'Deleted “e2e model v7 warm-up”' });
  await notice.getByTestId('undo-delete').click();
  await expect(row).toHaveCount(1);
  await expect(notice).toHaveCount(0);
});

test('the Outbox keeps the settled submission with its job, and counts nothing waiting', async () => {
  await page.getByTestId('nav-outbox').click();
  await expect(page.getByTestId('outbox-counts')).toHaveText('0 parts waiting · 0 to check');
  const settled = page.getByTestId('outbox-submission').filter({ hasText: 'e2e queued while down' });
  await expect(settled.getByTestId('submission-target-prod-down')).toHaveAttribute('data-state', 'created');
  await expect(settled.getByTestId('created-job')).toHaveText(/^job #\d+$/);
  await page.screenshot({ path: 'test-results/shots/outbox.png', fullPage: true });
});
