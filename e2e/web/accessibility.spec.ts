import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Simulator } from '../../tools/manager-sim/simulator';
import { seedInventory, seedJobs } from '../../tools/manager-sim/seed';
import { launchApp, type RunningApp } from '../fixtures';

/**
 * axe-core on every page, in the light and the dark scheme: no serious or critical violation, and one
 * level-one heading naming the page.
 */
test.describe.configure({ mode: 'serial' });

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let sim: Simulator;
let app: RunningApp;
let page: Page;
let managerId: string;
let failedJob: number;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** The serious and critical violations on the page as it is now, each with where it is. */
async function violations(): Promise<string[]> {
  // Evaluated by the browser's debugging protocol: the app's CSP rightly refuses an inline script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`).join(' | ')}${v.nodes.length > 5 ? ` and ${v.nodes.length - 5} more` : ''}`);
}

const PAGES: { name: string; hash: () => string; ready: (p: Page) => Promise<void> }[] = [
  { name: 'Overview', hash: () => '#/', ready: (p) => expect(p.getByTestId('cluster-row').first()).toBeVisible() },
  { name: 'Preheats', hash: () => '#/preheats', ready: (p) => expect(p.getByTestId('job-row').first()).toBeVisible() },
  { name: 'Preheat #', hash: () => `#/preheats/${encodeURIComponent(managerId)}/${failedJob}`, ready: (p) => expect(p.getByTestId('job-detail')).toBeVisible() },
  { name: 'New preheat', hash: () => '#/preheats/new', ready: (p) => expect(p.getByTestId('submit-preheat')).toBeVisible() },
  { name: 'Drafts', hash: () => '#/drafts', ready: (p) => expect(p.getByRole('tab').first()).toBeVisible() },
  { name: 'Outbox', hash: () => '#/outbox', ready: (p) => expect(p.getByTestId('outbox')).toBeVisible() },
  { name: 'Failure log', hash: () => '#/failures', ready: (p) => expect(p.getByTestId('failure-row').first()).toBeVisible() },
  { name: 'Managers', hash: () => '#/managers', ready: (p) => expect(p.getByTestId('manager-card-prod-eu')).toBeVisible() },
  { name: 'Settings', hash: () => '#/settings', ready: (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible() },
  { name: 'prod-eu-a', hash: () => `#/clusters/${encodeURIComponent(managerId)}/1`, ready: (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible() },
];

test.beforeAll(async ({ browser }) => {
  sim = new Simulator();
  const eu = await sim.addManager('prod-eu');
  seedInventory(eu, { net: 1, clusters: [{ name: 'prod-eu-a', peers: 8 }, { name: 'prod-eu-b', peers: 8 }] });
  seedJobs(eu, { count: 80, spanMs: 5 * 3600_000, seed: 5 });
  app = await launchApp();
  const added = await app.rpc('managers.add', { name: 'prod-eu', baseUrl: eu.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
  expect(added.ok).toBe(true);
  managerId = added.value.id;
  const filter = { statuses: ['failed'], managerIds: [], clusters: [], kinds: [], search: '', createdFrom: null, createdTo: null, sort: 'created', order: 'desc' };
  await expect
    .poll(async () => {
      const res = await app.rpc('jobs.query', { filter, offset: 0, limit: 1 });
      failedJob = res.value?.rows[0]?.id;
      return failedJob ?? res.message ?? null;
    })
    .toEqual(expect.any(Number));
  page = await browser.newPage();
  await page.goto(await app.launchUrl());
});

test.afterAll(async () => {
  await page?.close();
  app?.stop();
  await sim?.close();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`every page in the ${scheme} scheme has no serious or critical axe violation, and one level-one heading`, async () => {
    test.setTimeout(180_000);
    expect((await app.rpc('settings.update', { colorScheme: scheme })).ok).toBe(true);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    const problems: string[] = [];
    for (const p of PAGES) {
      await page.evaluate((h) => (location.hash = h), p.hash());
      await p.ready(page);
      const h1 = await page.getByRole('heading', { level: 1 }).allInnerTexts();
      if (h1.length !== 1 || !h1[0]!.includes(p.name)) problems.push(`${p.name}: level-one headings ${JSON.stringify(h1)}`);
      for (const v of await violations()) problems.push(`${p.name}: ${v}`);
      await page.screenshot({ path: `test-results/shots/${scheme}-${p.name.replace(/\W+/g, '-').toLowerCase()}.png` });
    }
    expect(problems).toEqual([]);
  });
}
