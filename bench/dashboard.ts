/**
 * `npm run bench:dashboard`: a large fleet on the overview. 20 simulated managers × 50 clusters, each
 * manager with 5,000 peers (BENCH_PEERS_PER_CLUSTER, default 100) and 500 preheats of the last 6 hours;
 * the app on the web transport, Chromium measuring:
 *   - time from adding the managers to every card and all 1,000 cluster rows loaded;
 *   - the back end building one overview (RPC round trip) and its size;
 *   - a keystroke in the cluster search → the table updated;
 *   - frame times while scrolling the 1,000 clusters;
 *   - the back end's resident memory.
 */
import { launchUrl, rpc } from '../scripts/lib/processes.cjs';
import { inBrowser, keystrokes, run, scrollFrames } from './lib/measure';
import { ms, pct, rssMiB, spread } from './lib/stats';
import { seedInventory, seedJobs } from '../tools/manager-sim/seed';
import { Simulator } from '../tools/manager-sim/simulator';

const MANAGERS = 20;
const CLUSTERS = 50;
const PEERS = Number(process.env.BENCH_PEERS_PER_CLUSTER ?? 100);


async function main() {
  const sim = new Simulator();
  for (let i = 0; i < MANAGERS; i++) {
    const m = await sim.addManager(`m${String(i).padStart(2, '0')}`);
    seedInventory(m, {
      net: i + 1,
      clusters: Array.from({ length: CLUSTERS }, (_, c) => ({ name: `m${i}-c${String(c).padStart(2, '0')}`, seedPeers: c % 10 === 0 ? 0 : 2, peers: PEERS, preheatFeature: c % 17 !== 3 })),
    });
    seedJobs(m, { count: 500, spanMs: 6 * 3600_000, seed: i + 1, failure: 0.1, partial: 0.05 });
  }
  await inBrowser(sim, 3600000, async (app, browser) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(await launchUrl(app.info));
    await page.getByTestId('dashboard-empty').waitFor({ timeout: 30_000 });
    const t0 = performance.now();
    await Promise.all(
      [...sim.managers.values()].map((m) => rpc(app.info, 'managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })),
    );
    await page.getByText(`${MANAGERS * CLUSTERS} of ${MANAGERS * CLUSTERS} clusters`).waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid=dashboard-updated]')?.textContent?.includes('updating'), null, { timeout: 120_000 });
    const loaded = performance.now() - t0;

    const views: number[] = [];
    let size = 0;
    for (let i = 0; i < 10; i++) {
      const v0 = performance.now();
      const res = await fetch(`${app.info.url}rpc/dashboard.view`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': app.info.token }, body: '{"range":"24h"}' });
      size = (await res.text()).length;
      views.push(performance.now() - v0);
    }

    const latencies = await keystrokes(page, '[data-testid=cluster-search]', ['m1-c0', 'c17', 'm19-c4'], 'next-frame');
    await page.waitForTimeout(300);
    const frames = await scrollFrames(page, '[data-testid=cluster-scroller]', 200);

    console.log(`${MANAGERS} managers × ${CLUSTERS} clusters, ${CLUSTERS * PEERS} peers and 500 preheats per manager`);
    console.log(`adding the managers → every card and ${MANAGERS * CLUSTERS} cluster rows loaded: ${ms(loaded)}`);
    console.log(`one overview from the back end: median ${ms(pct(views, 50))}, max ${ms(Math.max(...views))}, ${(size / 1024).toFixed(0)} KiB`);
    console.log(`keystroke in the cluster search → next painted frame: ${spread(latencies)} (${latencies.length} keystrokes)`);
    console.log(`scrolling ${MANAGERS * CLUSTERS} clusters: ${frames.length} frames, ${spread(frames)}`);
    console.log(`back end resident memory: ${rssMiB(app.info.pid).toFixed(0)} MiB`);
  });
}

run(main);
