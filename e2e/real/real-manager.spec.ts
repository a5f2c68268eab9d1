import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import { expect, test, type Page } from '@playwright/test';
import type { SubmissionView } from '../../src/shared/models';
import { DEFAULT_TIMEOUT_NS, emptySpec, markerOfTimeout } from '../../src/shared/preheat-spec';
import { launchApp, type RunningApp } from '../fixtures';

/**
 * The app against the real Dragonfly v2.5.1 manager and scheduler of scripts/real-stack (started by
 * npm test). Outside CI, without a running stack, the spec says so and skips.
 */
const stackFile = process.env.DESK_REAL_STACK ?? '/tmp/dragonfly-desk-real-stack/stack.json';
const stack = existsSync(stackFile)
  ? (JSON.parse(readFileSync(stackFile, 'utf8')) as { managerUrl: string; pat: string; rootUser: string; rootPassword: string; workDir: string; fileServerUrl: string })
  : null;

test.describe.configure({ mode: 'serial' });
// Starting the stack needs root (MariaDB runs as `mysql`), so a developer's plain `npm test` skips these
// with the reason; in CI `npm test` counts that skip as a failure.
test.skip(!stack, process.env.DESK_NO_REAL_STACK ?? `no real Dragonfly stack at ${stackFile} (start it with scripts/real-stack/real-stack.sh up)`);

/**
 * Drive the stack. Asynchronously: a worker blocked for the 30 s a command may take would miss the
 * app closing its idle keep-alive connections, and reuse a dead one for the next call.
 */
const stackCmd = (...args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const child = execFile('bash', [join(__dirname, '../../scripts/real-stack/real-stack.sh'), ...args], {
      env: { ...process.env, DF_WORK_DIR: stack!.workDir },
      timeout: 240_000,
    });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d;
      process.stderr.write(d);
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`real-stack.sh ${args.join(' ')} exited with ${code}: ${err.slice(-500)}`))));
  });

let app: RunningApp;
let page: Page;
const BIO = `e2e real preheat ${Date.now()}`;

/**
 * A loopback proxy in front of the real manager that keeps the body of every job create, so the test
 * can compare what the manager received with what the preview showed.
 */
let proxy: Server;
let proxyUrl = '';
const creates: string[] = [];

function startProxy(target: string): Promise<void> {
  const upstream = new URL(target);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url?.endsWith('/jobs')) creates.push(body.toString('utf8'));
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () => {
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

/**
 * The first cases describe a manager that has never seen a seed peer. Earlier runners on the same stack
 * (the real contract suite) leave successful preheats behind, and the app learns seed peers from the last
 * 24 h of them, so start from a manager with no jobs, as a fresh install has.
 */
async function deleteEveryJob() {
  const auth = { authorization: `Bearer ${stack!.pat}` };
  for (;;) {
    const res = await request(`${stack!.managerUrl}/oapi/v1/jobs?page=1&per_page=100`, { headers: auth });
    expect(res.statusCode).toBe(200);
    const jobs = (await res.body.json()) as { id: number }[];
    if (jobs.length === 0) return;
    for (const { id } of jobs) {
      const del = await request(`${stack!.managerUrl}/oapi/v1/jobs/${id}`, { method: 'DELETE', headers: auth });
      await del.body.dump();
      expect(del.statusCode).toBe(200);
    }
  }
}

test.beforeAll(async ({ browser }) => {
  if (!stack) throw new Error(`The real Dragonfly stack is not running: ${stackFile} is missing`);
  await deleteEveryJob();
  // The preheat below needs an active scheduler; this is a no-op when it already runs.
  await stackCmd('scheduler-up');
  await startProxy(stack.managerUrl);
  app = await launchApp(['--refresh-ms', '5000']);
  page = await browser.newPage();
  await page.goto(await app.launchUrl());
});

test.afterAll(async () => {
  await page?.close();
  app?.stop();
  proxy?.close();
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
  // The card's own test right after: the manager refuses a second sign-in so soon, so the one of a
  // moment ago stands, and the card says when it was.
  const card = page.getByTestId('manager-card-real-root');
  await card.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(card).toContainText(/Signed in as root \d+ s ago \(root\)/, { timeout: 20_000 });

  await page.getByRole('button', { name: 'Add manager' }).click();
  await dialog.getByLabel('Display name').fill('real-proxied');
  await dialog.getByLabel('Base URL').fill(proxyUrl);
  await dialog.getByRole('textbox', { name: 'Username' }).fill(stack!.rootUser);
  await dialog.getByLabel('Password', { exact: true }).fill(stack!.rootPassword);
  await dialog.getByRole('button', { name: 'Add manager' }).click();
  await expect(page.getByTestId('manager-card-real-proxied')).toContainText('connected', { timeout: 20_000 });

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
  await expect(page.getByRole('option', { name: 'cluster-1 (#1)' })).toHaveCount(3);
  await page.keyboard.press('Escape');
});

test('the overview shows cluster 1 with its active preheat scheduler and no seed peer, and what that means', async () => {
  await page.getByTestId('nav-overview').click();
  const row = page.locator('[data-testid=cluster-row][data-cluster="real-root:1"]');
  await expect(row.locator('[data-state=ready]')).toHaveText('can preheat', { timeout: 20_000 });
  await expect(row.locator('[data-col=seed-peers]')).toHaveText('0/0');
  await expect(row.locator('[data-col=reason]')).toHaveText(
    'Cannot tell whether a seed peer runs here: none is registered in the manager (the Rust seed peer, dfdaemon, never registers) and none confirmed a preheat here in the last 24 h. If none runs, preheats scoped to seed peers (the default scope) fail with "no available seed peer".',
  );
  // A token login to the same manager says what it cannot see instead of showing zeros.
  await expect(page.getByTestId('overview-real-pat').getByTestId('overview-hidden')).toContainText('A personal access token reaches only jobs and clusters');

  await row.click();
  await expect(page.getByTestId('scheduler-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('scheduler-table')).toContainText('active');
  await expect(page.getByTestId('scheduler-table')).toContainText(/preheat/);
  await expect(page.getByTestId('cluster-warning')).toContainText('Cannot tell whether a seed peer runs here');
});

test('a preheat created through the API appears, fails, and shows the manager\'s own error text', async () => {
  test.setTimeout(180_000);
  // A second app with no window open: its background watcher alone must log the failure.
  const headless = await launchApp(['--refresh-ms', '5000']);
  try {
    const added = await headless.rpc('managers.add', { name: 'real-headless', baseUrl: stack!.managerUrl, auth: { kind: 'pat', token: stack!.pat } });
    expect(added.ok).toBe(true);
    await expect.poll(async () => (await headless.rpc('watch.states')).value?.[0]?.lastTickAt ?? null, { timeout: 20_000 }).not.toBeNull();
    await preheatFailsVisibly(headless);
  } finally {
    headless.stop();
  }
});

async function preheatFailsVisibly(headless: RunningApp) {
  const res = await request(`${stack!.managerUrl}/oapi/v1/jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack!.pat}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'preheat', bio: BIO, args: { type: 'file', url: 'http://127.0.0.1:9/e2e-real' }, scheduler_cluster_ids: [1] }),
  });
  expect(res.statusCode).toBe(200);
  const { id } = (await res.body.json()) as { id: number };

  await page.getByRole('link', { name: 'Preheats' }).click();
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

  const logged = async () => {
    const res = await headless.rpc('failures.query', { filter: { job: '' }, offset: 0, limit: 1000 });
    return (res.value.entries as { jobId: number; kind: string; text: string; cluster: { id: number; name: string | null } | null }[]).filter((e) => e.jobId === id);
  };
  await expect.poll(logged, { timeout: 30_000 }).toEqual([
    expect.objectContaining({ kind: 'job_error', text: 'cluster 1 scheduler 127.0.0.1 no available seed peer', cluster: { id: 1, name: 'cluster-1' } }),
  ]);
  const center = (await headless.rpc('notifications.view')).value as { items: { title: string; body: string }[] };
  expect(center.items).toContainEqual(expect.objectContaining({ title: `Preheat #${id} failed on real-headless`, body: `${BIO} — cluster 1 scheduler 127.0.0.1 no available seed peer` }));
}

test('a file preheat created through the form reaches the manager with exactly the JSON the preview showed', async () => {
  test.setTimeout(60_000);
  await page.getByRole('link', { name: 'New preheat' }).click();
  await page.getByRole('button', { name: 'Clear the form' }).click();
  await page.getByTestId('kind').getByText('File', { exact: true }).click();
  await page.getByLabel('Description').fill('e2e real form preheat');
  await page.getByTestId('target-real-proxied-cluster-1').check();
  await page.getByLabel('URL 1', { exact: true }).fill('http://127.0.0.1:9/e2e-form.bin');
  await page.getByTestId('scope').click();
  await page.getByRole('option', { name: /^All peers/ }).click();
  await page.getByRole('radio', { name: 'Count' }).check();
  await page.getByLabel('Piece length (MiB)').fill('8');
  await page.getByRole('textbox', { name: 'Tag' }).fill('e2e');
  const preview = page.getByTestId('preview-body-real-proxied');
  await expect(preview).toContainText('"tag": "e2e"');
  const shown = JSON.parse(await preview.innerText());
  creates.length = 0;
  await page.getByTestId('submit-preheat').click();
  await expect(page.getByTestId('submission-target-real-proxied')).toHaveAttribute('data-state', 'created', { timeout: 20_000 });
  expect(creates).toHaveLength(1);
  // Exactly the preview, plus the submission's marker in the timeout's nanoseconds (the manager's default 60 min).
  const received = JSON.parse(creates[0]!) as { args: Record<string, unknown> };
  const marker = markerOfTimeout(received.args.timeout);
  expect(marker).toBeGreaterThan(0);
  expect(received.args.timeout).toBe(DEFAULT_TIMEOUT_NS + marker!);
  delete received.args.timeout;
  expect(received).toEqual(shown);
  expect(shown).toMatchObject({ type: 'preheat', bio: 'e2e real form preheat', user_id: 1, scheduler_cluster_ids: [1] });
  expect(shown.args).toEqual({ type: 'file', urls: ['http://127.0.0.1:9/e2e-form.bin'], piece_length: 8388608, tag: 'e2e', scope: 'all_peers', count: 1 });
});

test('a description edited and a job deleted in the app are what the real manager keeps', async () => {
  test.setTimeout(90_000);
  const auth = { authorization: `Bearer ${stack!.pat}` };
  const made = await request(`${stack!.managerUrl}/oapi/v1/jobs`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'preheat', bio: 'e2e real to edit', args: { type: 'file', url: 'http://127.0.0.1:9/e2e-edit' }, scheduler_cluster_ids: [1] }),
  });
  expect(made.statusCode).toBe(200);
  const { id } = (await made.body.json()) as { id: number };
  const onManager = async () => {
    const res = await request(`${stack!.managerUrl}/oapi/v1/jobs/${id}`, { headers: auth });
    return { status: res.statusCode, bio: res.statusCode === 200 ? ((await res.body.json()) as { bio: string }).bio : (await res.body.dump(), null) };
  };

  await page.getByRole('link', { name: 'Preheats' }).click();
  await page.getByTestId('job-search').fill('');
  await page.getByTestId('job-search').fill(`#${id}`);
  const row = page.locator(`[data-testid=job-row][data-job="real-root:${id}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  await page.getByTestId('edit-description').click();
  await page.getByTestId('description-input').fill('e2e real edited');
  await page.getByTestId('save-description').click();
  await expect(page.getByTestId('description')).toHaveText('e2e real edited');
  expect(await onManager()).toEqual({ status: 200, bio: 'e2e real edited' });

  await page.getByTestId('delete-job').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByRole('heading', { name: 'Preheats' })).toBeVisible();
  expect(await onManager()).toEqual({ status: 404, bio: null });
  await page.getByTestId('job-search').fill('');
});

test('the real manager\'s refusal of an image it cannot fetch is shown on the image field', async () => {
  test.setTimeout(60_000);
  await page.getByRole('link', { name: 'New preheat' }).click();
  await page.getByRole('button', { name: 'Clear the form' }).click();
  await page.getByTestId('kind').getByText('Image', { exact: true }).click();
  await page.getByTestId('target-real-root-cluster-1').check();
  // The manager's registry client refuses loopback addresses before connecting.
  await page.getByTestId('image-reference').fill('http://127.0.0.1:9/library/nginx:1.27');
  await page.getByTestId('submit-preheat').click();
  const target = page.getByTestId('submission-target-real-root');
  await expect(target).toHaveAttribute('data-state', 'refused', { timeout: 20_000 });
  await expect(target.getByTestId('target-error')).toHaveText(
    'real-root could not read the image manifest: Get "http://127.0.0.1:9/v2/": dial tcp 127.0.0.1:9: ip 127.0.0.1 is invalid',
  );
  await page.getByRole('button', { name: 'Back to the form' }).click();
  await expect(page.getByText('real-root could not read this manifest: Get "http://127.0.0.1:9/v2/": dial tcp 127.0.0.1:9: ip 127.0.0.1 is invalid')).toBeVisible();
  await expect(page.getByTestId('image-reference')).toHaveValue('http://127.0.0.1:9/library/nginx:1.27');
});

/**
 * With dfdaemon 1.4.2 seed peers and peers (scripts/real-stack peers-up): real successes, a real partial
 * failure and a real retry of the failed peer, seen in the app as an operator sees them.
 */
test.describe('with seed peers and peers', () => {
  const fileUrl = (tag: string) => `${stack!.fileServerUrl}/hello.txt?desk=e2e-${tag}-${Date.now()}`;
  let partialId = 0;

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    await stackCmd('peers-up');
  });

  test.afterAll(async () => {
    test.setTimeout(300_000);
    await stackCmd('fix-peer', 'desk-seed-2');
    await stackCmd('peers-down');
  });

  async function openJob(id: number) {
    await page.getByRole('link', { name: 'Preheats' }).click();
    await page.getByTestId('job-search').fill(`#${id}`);
    const row = page.locator(`[data-testid=job-row][data-job="real-root:${id}"]`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    return row;
  }

  test('a file preheat from the form goes from Pending to Succeeded, with every seed peer in its results', async () => {
    test.setTimeout(180_000);
    await page.getByRole('link', { name: 'New preheat' }).click();
    await page.getByRole('button', { name: 'Clear the form' }).click();
    await page.getByTestId('kind').getByText('File', { exact: true }).click();
    await page.getByLabel('Description').fill('e2e seed success');
    await page.getByTestId('target-real-root-cluster-1').check();
    await page.getByLabel('URL 1', { exact: true }).fill(fileUrl('ok'));
    await page.getByTestId('scope').click();
    await page.getByRole('option', { name: /^All seed peers/ }).click();
    await page.getByTestId('submit-preheat').click();
    const target = page.getByTestId('submission-target-real-root');
    await expect(target).toHaveAttribute('data-state', 'created', { timeout: 30_000 });
    await target.getByTestId('created-job').click();
    const detail = page.getByTestId('job-detail');
    await expect(detail.locator('[data-status]').first()).toHaveAttribute('data-status', 'pending');
    // The manager records the outcome at its t≈30 s poll; a pending job's page refreshes itself.
    await expect(detail.locator('[data-status]').first()).toHaveAttribute('data-status', 'succeeded', { timeout: 120_000 });
    const peers = page.getByTestId('peer-table');
    await expect(peers.getByTestId('peer-row')).toHaveCount(2);
    await expect(peers).toContainText('desk-seed-1');
    await expect(peers).toContainText('desk-seed-2');
  });

  test('a peer that cannot reach the source makes a real partial failure, shown with the peer and its error', async () => {
    test.setTimeout(240_000);
    await stackCmd('break-peer', 'desk-seed-2');
    const res = await request(`${stack!.managerUrl}/oapi/v1/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack!.pat}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'preheat', bio: 'e2e seed partial', args: { type: 'file', url: fileUrl('partial'), scope: 'all_seed_peers' }, scheduler_cluster_ids: [1] }),
    });
    expect(res.statusCode).toBe(200);
    partialId = ((await res.body.json()) as { id: number }).id;
    const row = await openJob(partialId);
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'partial', { timeout: 120_000 });
    await expect(row.locator('[data-status]')).toHaveText('Partially succeeded');
    await row.click();
    const failed = page.getByTestId('peer-table').getByTestId('peer-row').filter({ hasText: 'desk-seed-2' });
    await expect(failed).toContainText('127.0.0.2');
    await expect(failed).toContainText(/task [0-9a-f]{64} failed: rpc error: code = Internal desc = backend error:/);
  });

  test('Retry failed peers creates a job aimed at exactly that peer, which succeeds once it reaches the source', async () => {
    test.setTimeout(240_000);
    await stackCmd('fix-peer', 'desk-seed-2');
    await page.getByTestId('retry-failed').click();
    // The form holds exactly the failed peer's IP (a pill of the IPs field), and the request says so.
    const previewIps = async () => {
      try {
        return (JSON.parse(await page.getByTestId('preview-body-real-root').innerText()) as { args: { ips?: string[] } }).args.ips ?? null;
      } catch {
        return null;
      }
    };
    await expect.poll(previewIps, { timeout: 15_000 }).toEqual(['127.0.0.2']);
    await page.getByTestId('submit-preheat').click();
    const target = page.getByTestId('submission-target-real-root');
    await expect(target).toHaveAttribute('data-state', 'created', { timeout: 30_000 });
    const jobId = Number((await target.getByTestId('created-job').innerText()).replace(/\D+/g, ''));
    const job = (await (await request(`${stack!.managerUrl}/oapi/v1/jobs/${jobId}`, { headers: { authorization: `Bearer ${stack!.pat}` } })).body.json()) as { args: { ips: string[]; scope: string } };
    expect(job.args).toMatchObject({ ips: ['127.0.0.2'], scope: 'all_seed_peers' });
    await target.getByTestId('created-job').click();
    const detail = page.getByTestId('job-detail');
    await expect(detail.locator('[data-status]').first()).toHaveAttribute('data-status', 'succeeded', { timeout: 120_000 });
    await expect(page.getByTestId('peer-table').getByTestId('peer-row')).toHaveCount(1);
    await expect(page.getByTestId('peer-table')).toContainText('desk-seed-2');
  });

  test('the overview shows the seed peers it saw in preheats, and the cluster able to take seed-peer preheats', async () => {
    await page.getByTestId('nav-overview').click();
    const row = page.locator('[data-testid=cluster-row][data-cluster="real-root:1"]');
    await expect(row.locator('[data-state=ready]')).toHaveText('can preheat', { timeout: 20_000 });
    await expect(row.locator('[data-col=seed-peers]')).toContainText('2 seen in preheats', { timeout: 30_000 });
    await expect(row.locator('[data-col=reason]')).toHaveText('');
    await row.click();
    await expect(page.getByTestId('seed-peers-seen')).toContainText('desk-seed-1 (127.0.0.1');
    await expect(page.getByTestId('seed-peers-seen')).toContainText('desk-seed-2 (127.0.0.2');
    await expect(page.getByTestId('cluster-warning')).toHaveCount(0);
  });
});

test('a submission queued while the real manager is stopped creates exactly one job once it is started again', async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-outbox-'));
  // Its subject is the outbox across a restart: the token is kept in the opted-in file, so the test does
  // not hang on the session keyring staying up (CI once lost its gnome-keyring daemon mid-run, and the
  // one D-Bus started in its place was locked).
  let desk = await launchApp(['--refresh-ms', '2000'], { dataDir, secrets: 'file' });
  const description = `e2e real outbox ${Date.now()}`;
  let stopped = false;
  try {
    const added = await desk.rpc('managers.add', { name: 'real-outbox', baseUrl: stack!.managerUrl, auth: { kind: 'pat', token: stack!.pat } });
    expect(added.ok).toBe(true);
    const managerId = added.value.id as string;
    // The cluster must be in the inventory (kept on disk) before the manager goes away.
    const clusters = async () =>
      ((await desk.rpc('preheats.targets', { refresh: true })).value as { managerId: string; clusters: unknown[] }[]).find((m) => m.managerId === managerId)?.clusters.length ?? 0;
    await expect.poll(clusters, { timeout: 30_000 }).toBeGreaterThan(0);

    await stackCmd('manager-down');
    stopped = true;
    const spec = emptySpec('file');
    spec.description = description;
    spec.files = [`${stack!.fileServerUrl}/hello.txt?desk=e2e-outbox-${Date.now()}`];
    spec.targets = [{ managerId, clusterIds: [1] }];
    const submitted = await desk.rpc('preheats.submit', { spec, rememberPassword: false, ifUnreachable: 'queue' });
    expect(submitted.ok, submitted.message).toBe(true);
    const id = submitted.value.id as string;
    const part = async (app: RunningApp) => ((await app.rpc('outbox.list')).value.submissions as SubmissionView[]).find((s) => s.id === id)?.targets[0];
    await expect.poll(async () => (await part(desk))?.waiting ?? null, { timeout: 30_000 }).toMatch(/^real-outbox unreachable: .*connection refused/);
    expect((await part(desk))?.state).toBe('queued');

    // Quit the app with the part queued, start the manager, then the app again.
    await desk.stopped();
    await stackCmd('manager-up');
    stopped = false;
    desk = await launchApp(['--refresh-ms', '2000'], { dataDir, secrets: 'file' });
    await expect.poll(async () => (await part(desk))?.state, { timeout: 90_000 }).toBe('created');
    const jobId = (await part(desk))!.jobId;

    const res = await request(`${stack!.managerUrl}/oapi/v1/jobs?type=preheat&page=1&per_page=1000`, { headers: { authorization: `Bearer ${stack!.pat}` } });
    const sent = ((await res.body.json()) as { id: number; bio: string }[]).filter((j) => j.bio === description);
    expect(sent.map((j) => j.id)).toEqual([jobId]);
  } finally {
    if (stopped) await stackCmd('manager-up');
    await desk.stopped();
  }
});
