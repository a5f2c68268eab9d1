import { expect, test, type Page } from '@playwright/test';
import { noFaults } from '../../tools/manager-sim/faults';
import { seedInventory, seedJobs } from '../../tools/manager-sim/seed';
import { Simulator } from '../../tools/manager-sim/simulator';
import { launchApp, type RunningApp } from '../fixtures';
import { MASK } from '../../src/shared/masking';

test.describe.configure({ mode: 'serial' });

let sim: Simulator;
let app: RunningApp;
let page: Page;

test.beforeAll(async ({ browser }) => {
  sim = new Simulator();
  const eu = await sim.addManager('prod-eu');
  seedInventory(eu, { net: 1, clusters: [{ name: 'eu-a', seedPeers: 3 }, { name: 'eu-b', seedPeers: 2 }] });
  seedJobs(eu, { count: 20, spanMs: 3600_000, seed: 5 });
  const us = await sim.addManager('prod-us');
  seedInventory(us, { net: 2, clusters: [{ name: 'us-a', seedPeers: 2 }] });
  // Its only scheduler stops: the manager will refuse preheats there.
  us.setSchedulerState('inactive');
  app = await launchApp();
  for (const m of [eu, us]) {
    const res = await app.rpc('managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
    expect(res.ok).toBe(true);
  }
  page = await browser.newPage();
  await page.goto(await app.launchUrl());
});

test.afterAll(async () => {
  await page?.close();
  app?.stop();
  await sim?.close();
});

async function openForm(kind: 'Image' | 'File') {
  await page.getByRole('link', { name: 'New preheat' }).click();
  await page.getByRole('button', { name: 'Clear the form' }).click();
  await page.getByTestId('kind').getByText(kind, { exact: true }).click();
}

async function expectInList(description: string, manager: string) {
  await page.getByRole('link', { name: 'Preheats' }).click();
  await page.getByTestId('job-search').fill(description);
  const row = page.getByTestId('job-row').filter({ hasText: description });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-job', new RegExp(`^${manager}:`));
  await page.getByTestId('job-search').fill('');
  return row;
}

test('an image preheat created through the form appears in the list', async () => {
  await openForm('Image');
  await page.getByLabel('Description').fill('e2e image preheat');
  await page.getByTestId('target-prod-eu-eu-a').check();
  await page.getByTestId('image-reference').fill('registry.example.com/team/app:v2');
  await expect(page.getByTestId('manifest-url')).toContainText('https://registry.example.com/v2/team/app/manifests/v2');
  await page.getByLabel('Registry username').fill('robot');
  await page.getByLabel('Registry password').fill('E2e-Registry-Pw');
  await expect(page.getByTestId('preview-body-prod-eu')).toContainText(`"password": "${MASK}"`);
  await expect(page.getByTestId('preview-body-prod-eu')).not.toContainText('E2e-Registry-Pw');
  await page.getByTestId('submit-preheat').click();
  await expect(page.getByTestId('submission-target-prod-eu')).toHaveAttribute('data-state', 'created');
  const jobId = Number((await page.getByTestId('created-job').innerText()).replace(/\D/g, ''));
  expect(sim.get('prod-eu').jobs.get(jobId)?.args).toMatchObject({ url: 'https://registry.example.com/v2/team/app/manifests/v2', username: 'robot', password: 'E2e-Registry-Pw' });
  await expectInList('e2e image preheat', 'prod-eu');
});

test('a file preheat to two clusters with several URLs appears in the list', async () => {
  await openForm('File');
  await page.getByLabel('Description').fill('e2e file preheat');
  await page.getByTestId('target-prod-eu-eu-a').check();
  await page.getByTestId('target-prod-eu-eu-b').check();
  await page.getByLabel('URL 1', { exact: true }).fill('https://files.example.com/a.bin');
  await page.getByRole('button', { name: 'Add a URL' }).click();
  await page.getByLabel('URL 2', { exact: true }).fill('https://files.example.com/b.bin');
  await page.getByTestId('submit-preheat').click();
  await expect(page.getByTestId('submission-summary')).toHaveText('1 of 1 manager created the preheat.');
  const row = await expectInList('e2e file preheat', 'prod-eu');
  await expect(row.locator('[data-col=clusters]')).toHaveText('eu-a, eu-b');
});

test('a fan-out to two managers where one refuses: one success, one explained failure, nothing lost', async () => {
  await openForm('File');
  await page.getByLabel('Description').fill('e2e fan-out');
  await page.getByTestId('target-prod-eu-eu-a').check();
  await page.getByTestId('target-prod-us-us-a').check();
  await page.getByLabel('URL 1', { exact: true }).fill('https://files.example.com/fan.bin');
  await page.getByTestId('submit-preheat').click();
  await expect(page.getByTestId('submission-target-prod-eu')).toHaveAttribute('data-state', 'created');
  const us = page.getByTestId('submission-target-prod-us');
  await expect(us).toHaveAttribute('data-state', 'refused');
  await expect(us.getByTestId('target-error')).toHaveText('Cluster us-a on prod-us has no active scheduler with the preheat feature, so the manager refused the preheat');
  // Back to the form with only the failed target: everything typed is still there.
  await page.getByRole('button', { name: 'Send again to the failed target' }).click();
  await expect(page.getByLabel('URL 1', { exact: true })).toHaveValue('https://files.example.com/fan.bin');
  await expect(page.getByTestId('target-prod-us-us-a')).toBeChecked();
  await expect(page.getByTestId('target-prod-eu-eu-a')).not.toBeChecked();
  await expect(page.getByTestId('targets-error')).toHaveText('prod-us: no active scheduler with the preheat feature in us-a');
});

test('a rate-limited burst completes with no job lost or duplicated', async () => {
  const eu = sim.get('prod-eu');
  // The app reads the limit of 10/s now, so that its view is fresh: a submission after 20 s would read the
  // clusters again, learn the 2/s below while the first creates are out, and pace the rest without a 429.
  await app.rpc('preheats.targets', { refresh: true });
  // The manager now allows 2/s: the app has to take 429s and retry.
  eu.clusters[0]!.jobRateLimit = 2;
  const before = eu.jobs.size;
  const managers = (await app.rpc('managers.list')).value as { id: string; name: string }[];
  const euId = managers.find((m) => m.name === 'prod-eu')!.id;
  const spec = (i: number) => ({
    version: 1,
    kind: 'file',
    description: `e2e burst ${i}`,
    targets: [{ managerId: euId, clusterIds: [1] }],
    image: { reference: '', platform: '', username: '' },
    files: [`https://files.example.com/burst-${i}.bin`],
    pieceLengthMiB: null,
    scope: 'single_seed_peer',
    selection: { mode: 'all' },
    tag: '',
    application: '',
    filteredQueryParams: [],
    headers: [],
    advanced: { concurrentTaskCount: null, concurrentPeerCount: null, timeoutMinutes: null },
  });
  // Eight submissions at once, through the page's own transport.
  const ids = await page.evaluate(async (specs) => {
    const answers = await Promise.all(
      specs.map((spec) => fetch('/rpc/preheats.submit', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec, rememberPassword: false }) }).then((r) => r.json())),
    );
    return answers.map((a) => a.value.id as string);
  }, Array.from({ length: 8 }, (_, i) => spec(i)));
  await expect
    .poll(async () => {
      const views = await Promise.all(ids.map((id) => app.rpc('preheats.submission', { id })));
      return views.filter((v) => v.value.done).length;
    }, { timeout: 45_000 })
    .toBe(8);
  const views = await Promise.all(ids.map((id) => app.rpc('preheats.submission', { id })));
  const targets = views.map((v) => v.value.targets[0]);
  expect(targets.every((t: { state: string }) => t.state === 'created')).toBe(true);
  expect(targets.reduce((n: number, t: { rateLimited: number }) => n + t.rateLimited, 0)).toBeGreaterThan(0);
  expect(eu.jobs.size).toBe(before + 8);
  await page.getByRole('link', { name: 'Preheats' }).click();
  await page.getByTestId('job-search').fill('e2e burst');
  await expect(page.getByTestId('job-row')).toHaveCount(8);
  await page.getByTestId('job-search').fill('');
  eu.clusters[0]!.jobRateLimit = 10;
});

test('a connection cut mid-submit leaves exactly one job', async () => {
  const eu = sim.get('prod-eu');
  const before = eu.jobs.size;
  await openForm('File');
  await page.getByLabel('Description').fill('e2e cut connection');
  await page.getByTestId('target-prod-eu-eu-a').check();
  await page.getByLabel('URL 1', { exact: true }).fill('https://files.example.com/cut.bin');
  // The manager creates the job, then the connection drops halfway through its answer.
  eu.faults = { ...noFaults(), reset: 'mid-body', pathPrefix: '/api/v1/jobs', method: 'POST', times: 1 };
  await page.getByTestId('submit-preheat').click();
  const target = page.getByTestId('submission-target-prod-eu');
  await expect(target).toHaveAttribute('data-state', 'created', { timeout: 20_000 });
  await expect(target).toContainText('The manager had created it');
  expect(eu.jobs.size).toBe(before + 1);
  await expectInList('e2e cut connection', 'prod-eu');
});

test('Duplicate opens the form prefilled from a job, without its secrets', async () => {
  await page.getByRole('link', { name: 'Preheats' }).click();
  await page.getByTestId('job-search').fill('e2e image preheat');
  // The row the search finds: the first row may still be the unfiltered list's while the answer is out.
  await page.getByTestId('job-row').filter({ hasText: 'e2e image preheat' }).first().click();
  await page.getByTestId('duplicate').click();
  await expect(page.getByTestId('image-reference')).toHaveValue('https://registry.example.com/v2/team/app/manifests/v2');
  await expect(page.getByLabel('Registry username')).toHaveValue('robot');
  await expect(page.getByLabel('Registry password')).toHaveValue('');
  await expect(page.getByText('The registry password is not copied')).toBeVisible();
  // The password is in the keychain from the first submit: leaving the field empty uses it.
  await expect(page.getByLabel('Registry password')).toHaveAttribute('placeholder', 'stored: leave empty to use it');
  await expect(page.getByTestId('target-prod-eu-eu-a')).toBeChecked();
});
