/**
 * `npm run bench:dashboard`: a large fleet on the overview. 20 simulated managers × 50 clusters, each
 * manager with 5,000 peers (BENCH_PEERS_PER_CLUSTER, default 100) and 500 preheats of the last 6 hours;
 * the app on the web transport with its watcher on, Chromium measuring:
 *   - time from adding the managers to every card and all 1,000 cluster rows loaded;
 *   - the back end building one overview (RPC round trip) and its size;
 *   - a keystroke in the cluster search → the next painted frame;
 *   - frame times while scrolling the 1,000 clusters;
 *   - the back end's resident memory.
 * Then one inventory refresh of a manager with 200,000 peers (50 clusters): wall time and the bytes
 * its answers carried. Timed figures come after a warm-up run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchUrl, rpc } from '../scripts/lib/processes.cjs';
import { InventoryService } from '../src/main/dashboard/inventory';
import { ManagerRegistry } from '../src/main/managers/registry';
import { MemoryStore } from '../src/main/secrets/memory-store';
import { SIGN_IN_GAP_MS, inBrowser, keystrokes, overviewLoaded, repeat, run, scrollFrames } from './lib/measure';
import { Report } from './lib/report';
import { settledRss } from './lib/stats';
import { seedInventory, seedJobs } from '../tools/manager-sim/seed';
import { Simulator } from '../tools/manager-sim/simulator';

const MANAGERS = 20;
const CLUSTERS = 50;
const PEERS = Number(process.env.BENCH_PEERS_PER_CLUSTER ?? 100);
const BIG_PEERS = 200_000;

async function fleet(report: Report) {
  const sim = new Simulator();
  for (let i = 0; i < MANAGERS; i++) {
    const m = await sim.addManager(`m${String(i).padStart(2, '0')}`);
    seedInventory(m, {
      net: i + 1,
      clusters: Array.from({ length: CLUSTERS }, (_, c) => ({ name: `m${i}-c${String(c).padStart(2, '0')}`, seedPeers: c % 10 === 0 ? 0 : 2, peers: PEERS, preheatFeature: c % 17 !== 3 })),
    });
    seedJobs(m, { count: 500, spanMs: 6 * 3600_000, seed: i + 1, failure: 0.1, partial: 0.05 });
  }
  await inBrowser(sim, async (app, browser) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(await launchUrl(app.info));
    await page.getByTestId('dashboard-empty').waitFor({ timeout: 30_000 });
    const ids: string[] = [];
    const addAll = async () => {
      const added = await Promise.all(
        [...sim.managers.values()].map((m) => rpc(app.info, 'managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })),
      );
      ids.splice(0, ids.length, ...added.map((a) => a.value.id as string));
      await overviewLoaded(page, MANAGERS * CLUSTERS, 120_000);
    };
    const removeAll = async () => {
      for (const id of ids) await rpc(app.info, 'managers.remove', { id });
      await page.getByTestId('dashboard-empty').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(SIGN_IN_GAP_MS);
    };
    const loaded = await repeat(5, addAll, removeAll);
    await addAll();

    let size = 0;
    const views = await repeat(10, async () => {
      const res = await fetch(`${app.info.url}rpc/dashboard.view`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': app.info.token }, body: '{"range":"24h"}' });
      size = (await res.text()).length;
    });

    await keystrokes(page, '[data-testid=cluster-search]', ['warm'], 'next-frame');
    const latencies = await keystrokes(page, '[data-testid=cluster-search]', ['m1-c0', 'c17', 'm19-c4'], 'next-frame');
    await page.waitForTimeout(300);
    await scrollFrames(page, '[data-testid=cluster-scroller]', 20);
    await page.evaluate(`document.querySelector('[data-testid=cluster-scroller]').scrollTop = 0`);
    const frames = await scrollFrames(page, '[data-testid=cluster-scroller]', 200);

    console.log(`${MANAGERS} managers × ${CLUSTERS} clusters, ${CLUSTERS * PEERS} peers and 500 preheats per manager`);
    report.samples(`adding the ${MANAGERS} managers → every card and ${MANAGERS * CLUSTERS} cluster rows loaded`, loaded, 'ms');
    report.samples('one overview built by the back end (RPC round trip)', views, 'ms', { note: `${(size / 1024).toFixed(0)} KiB` });
    report.samples('keystroke in the cluster search → next painted frame', latencies, 'ms');
    report.samples(`scrolling the ${MANAGERS * CLUSTERS} clusters, frame time`, frames, 'ms');
    const rss = await settledRss(app.info.pid);
    report.value('back end resident memory, settled', rss.settled, 'MiB', { note: `${rss.atOnce.toFixed(0)} MiB right after the last scroll` });
  });
}

/** One inventory refresh of a 200,000-peer manager, as the overview makes it every minute. */
async function bigManager(report: Report) {
  const sim = new Simulator();
  const m = await sim.addManager('big');
  const perCluster = BIG_PEERS / CLUSTERS;
  seedInventory(m, { net: 1, clusters: Array.from({ length: CLUSTERS }, (_, c) => ({ name: `big-c${String(c).padStart(2, '0')}`, peers: perCluster })) });
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-big-'));
  const registry = new ManagerRegistry({ dataDir: dir, secrets: new MemoryStore() });
  await registry.load();
  const id = (await registry.add({ name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' }, caCertPath: null, skipTlsVerify: false })).id;
  const inventory = new InventoryService({ dataDir: dir, registry, onChanged: () => undefined });
  const bytes: number[] = [];
  let peers = 0;
  try {
    const times = await repeat(5, async () => {
      const before = m.requestLog.length;
      await inventory.refreshOne(id);
      const s = inventory.get(id);
      if (s.error) throw new Error(s.error);
      peers = s.peers?.total ?? 0;
      await new Promise((r) => setImmediate(r));
      bytes.push(m.requestLog.slice(before).reduce((n, r) => n + (r.bytes ?? 0), 0) / 1024);
    });
    report.samples(`one refresh of a manager with ${peers.toLocaleString('en-US')} peers in ${CLUSTERS} clusters`, times, 'ms', { goal: 2000 });
    report.samples(`one refresh of a ${BIG_PEERS.toLocaleString('en-US')}-peer manager: bytes its answers carried`, bytes.slice(1), 'KiB', { goal: 1024 });
  } finally {
    inventory.dispose();
    await registry.dispose();
    await sim.close();
  }
}

async function main() {
  const report = new Report('bench:dashboard');
  if (process.env.BENCH_BIG_ONLY !== '1') await fleet(report);
  await bigManager(report);
  report.finish();
}

run(main);
