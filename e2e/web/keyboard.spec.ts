import { expect, test, type Page } from '@playwright/test';
import { seedInventory, seedJobs } from '../../tools/manager-sim/seed';
import { Simulator } from '../../tools/manager-sim/simulator';
import { emptySpec } from '../../src/shared/preheat-spec';
import { launchApp, type RunningApp } from '../fixtures';

/** The keyboard path: the command palette, the shortcuts and their panel; and the colour scheme switch. */
test.describe.configure({ mode: 'serial' });

let sim: Simulator;
let app: RunningApp;
let page: Page;
let euId: string;
/** A success three days old: beyond what the app loads at start, so the list has to ask for it. */
let oldJobId: number;

test.beforeAll(async ({ browser }) => {
  sim = new Simulator();
  const eu = await sim.addManager('prod-eu');
  seedInventory(eu, { net: 1, clusters: [{ name: 'eu-west', peers: 6 }, { name: 'eu-east', peers: 4 }] });
  seedJobs(eu, { count: 120, spanMs: 72 * 3600_000, seed: 7, failure: 0, timeout: 0, partial: 0 });
  // The oldest job, under an id no other job's text contains, so a search for it matches it alone.
  const oldest = [...eu.jobs.values()].sort((a, b) => a.createdAt - b.createdAt)[0]!;
  eu.deleteJob(oldest.id);
  oldJobId = eu.insertJob({ ...oldest, id: 86420 }).id;
  const us = await sim.addManager('prod-us');
  seedInventory(us, { net: 2, clusters: [{ name: 'us-east', peers: 4 }] });
  seedJobs(us, { count: 10, spanMs: 3600_000, seed: 8 });

  app = await launchApp();
  for (const m of [eu, us]) {
    const res = await app.rpc('managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
    expect(res.ok).toBe(true);
    if (m === eu) euId = res.value.id;
  }
  const draft = await app.rpc('drafts.save', { spec: { ...emptySpec('file'), description: 'weekly model weights', files: ['https://files.example.com/w.bin'] }, revision: 1 });
  expect(draft.ok).toBe(true);

  page = await browser.newPage();
  await page.goto(await app.launchUrl());
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.close();
  app?.stop();
  await sim?.close();
});

const palette = () => page.getByTestId('palette-search');
const html = () => page.locator('html');

/** Keys that only work outside text fields: start from the page itself. */
async function leaveFields() {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function runInPalette(text: string) {
  await page.keyboard.press('Control+K');
  await expect(palette()).toBeFocused();
  await palette().fill(text);
  await page.keyboard.press('Enter');
  await expect(palette()).toBeHidden();
}

test('1. Ctrl+K opens the palette; a page name and Enter go there, from the header button too', async () => {
  await runInPalette('failure');
  await expect(page.getByRole('heading', { name: 'Failure log' })).toBeVisible();

  await page.getByRole('button', { name: /^Go to…/ }).click();
  await expect(palette()).toBeVisible();
  // Every page, both managers, the draft and the clusters the overview loaded are offered.
  for (const id of ['page-dashboard', 'page-preheats', 'page-new', 'page-drafts', 'page-outbox', 'page-failures', 'page-managers', 'page-settings', 'new-image', 'new-file', 'shortcuts']) {
    await expect(page.getByTestId(`palette-${id}`)).toBeVisible();
  }
  await expect(page.getByTestId('palette-manager-' + euId)).toHaveText(/prod-eu/);
  await expect(page.locator('[data-testid^="palette-manager-"]')).toHaveCount(2);
  await expect(page.locator('[data-testid^="palette-draft-"]')).toHaveText([/weekly model weights/]);
  await palette().fill('managers');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Managers' })).toBeVisible();
});

test('2. a manager opens the overview narrowed to its clusters; a draft opens in the form', async () => {
  await runInPalette('prod-us');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.locator('[data-testid=cluster-row]').first()).toBeVisible();
  await expect(page.locator('[data-testid=cluster-row]:not([data-cluster^="prod-us"])')).toHaveCount(0);

  await runInPalette('weekly');
  await expect(page.getByTestId('create-preheat')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Description' })).toHaveValue('weekly model weights');
});

test('3. "Find job #id" opens the preheat list on a job it had not loaded', async () => {
  const loaded = await app.rpc('jobs.query', { filter: { search: `#${oldJobId}` }, offset: 0, limit: 10 });
  expect(loaded.value.total).toBe(0);
  await page.keyboard.press('Control+K');
  await palette().fill(`#${oldJobId}`);
  await expect(page.getByTestId('palette-find-job')).toHaveText(new RegExp(`Find job #${oldJobId}`));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('job-search')).toHaveValue(`#${oldJobId}`);
  // The list asks the managers for it and shows it.
  await expect(page.locator(`[data-testid=job-row][data-job="prod-eu:${oldJobId}"]`)).toBeVisible();
  await expect(page.getByTestId('job-row')).toHaveCount(1);
});

test('4. Esc goes back from a job to the list', async () => {
  await page.locator(`[data-testid=job-row][data-job="prod-eu:${oldJobId}"]`).click();
  await expect(page.getByRole('heading', { name: `Preheat #${oldJobId}` })).toBeVisible();
  await leaveFields();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('job-search')).toBeVisible();
  await expect(page.getByTestId('job-detail')).toBeHidden();
});

test('5. n opens a new preheat, but not while typing in a field', async () => {
  await page.getByTestId('job-search').fill('');
  await page.getByTestId('job-search').pressSequentially('n');
  await expect(page.getByTestId('job-search')).toHaveValue('n');
  await expect(page.getByTestId('create-preheat')).toBeHidden();

  await leaveFields();
  await page.keyboard.press('n');
  await expect(page.getByTestId('create-preheat')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'New preheat' })).toBeVisible();
});

test('6. / focuses the search of the page, or the preheat list where the page has none', async () => {
  // The form has no search of its own.
  await leaveFields();
  await page.keyboard.press('/');
  await expect(page.getByTestId('job-search')).toBeFocused();
  // The key moved the focus; it typed nothing.
  await expect(page.getByTestId('job-search')).toHaveValue('n');

  await page.getByRole('link', { name: 'Failure log' }).click();
  await leaveFields();
  await page.keyboard.press('/');
  await expect(page.getByTestId('failure-search')).toBeFocused();
  await expect(page.getByTestId('failure-search')).toHaveValue('');
});

test('7. ? shows the shortcuts panel listing every shortcut; the palette and the header open it too', async () => {
  const panel = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await leaveFields();
  await page.keyboard.press('Shift+?');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('row')).toHaveText([
    /Ctrl\s*K\s*or\s*⌘\s*K\s*Open the command palette/,
    /\/\s*Search this page's list/,
    /N\s*New preheat/,
    /Esc\s*Go back/,
    /\?\s*Show these shortcuts/,
  ]);
  // Esc closes the panel and stays on the page.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Failure log' })).toBeVisible();

  await runInPalette('shortcuts');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
});

test('8. Dark in Settings turns the app dark, and the back end keeps it across a reload', async ({ browser }) => {
  await page.getByRole('link', { name: 'Settings' }).click();
  const control = page.getByTestId('setting-color-scheme');
  await control.getByText('Dark', { exact: true }).click();
  await expect(html()).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(page.getByRole('button', { name: 'Colour scheme: Dark' })).toBeVisible();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  expect((await app.rpc('settings.get')).value.colorScheme).toBe('dark');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(html()).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(control.getByRole('radio', { name: 'Dark' })).toBeChecked();

  // A browser with nothing stored of its own gets it from the back end.
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(await app.launchUrl());
    await expect(other.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await expect(other.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  } finally {
    await fresh.close();
  }
});

test('9. the header switch chooses the scheme the same way', async ({ browser }) => {
  await page.getByRole('button', { name: 'Colour scheme: Dark' }).click();
  await page.getByRole('menuitem', { name: 'Light' }).click();
  await expect(html()).toHaveAttribute('data-mantine-color-scheme', 'light');
  await expect(page.getByRole('button', { name: 'Colour scheme: Light' })).toBeVisible();
  // Settings, open meanwhile, shows the change.
  await expect(page.getByTestId('setting-color-scheme').getByRole('radio', { name: 'Light' })).toBeChecked();

  const fresh = await browser.newContext({ colorScheme: 'dark' });
  try {
    const other = await fresh.newPage();
    await other.goto(await app.launchUrl());
    await expect(other.getByRole('heading', { name: 'Overview' })).toBeVisible();
    // Light although this browser's system prefers dark: the stored choice wins.
    await expect(other.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  } finally {
    await fresh.close();
  }

  await page.getByRole('button', { name: 'Colour scheme: Light' }).click();
  await page.getByRole('menuitem', { name: /Auto/ }).click();
  await expect(page.getByRole('button', { name: 'Colour scheme: Auto' })).toBeVisible();
  expect((await app.rpc('settings.get')).value.colorScheme).toBe('auto');
});
