/**
 * `npm run bench`: 10 simulated managers × 10,000 preheat jobs, the app on the web transport, and
 * Chromium measuring what a user feels:
 *   - time from adding the managers to the first rendered rows, and from a page load to them;
 *   - time to load every page of every manager (100,000 jobs);
 *   - time from a keystroke in search to the updated list, with all 100,000 loaded;
 *   - frame times while scrolling the whole list;
 *   - the back end's resident memory with everything loaded.
 */
import { launchUrl, rpc } from '../scripts/lib/processes.cjs';
import { inBrowser, keystrokes, run, scrollFrames } from './lib/measure';
import { ms, rssMiB, spread } from './lib/stats';
import { seedInventory, seedJobs } from '../tools/manager-sim/seed';
import { Simulator } from '../tools/manager-sim/simulator';

const MANAGERS = Number(process.env.BENCH_MANAGERS ?? 10);
const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);


async function main() {
  const t0 = performance.now();
  const sim = new Simulator();
  for (let i = 0; i < MANAGERS; i++) {
    const m = await sim.addManager(`m${String(i).padStart(2, '0')}`);
    seedInventory(m, { net: i + 1, clusters: [{ name: `m${i}-a` }, { name: `m${i}-b` }, { name: `m${i}-c` }] });
    seedJobs(m, { count: JOBS, spanMs: 6 * 3600_000, seed: i + 1 });
  }
  console.log(`seeded ${MANAGERS} × ${JOBS} jobs in ${ms(performance.now() - t0)}`);

  await inBrowser(sim, 3600000, async (app, browser) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${await launchUrl(app.info)}#/preheats`);
    await page.getByTestId('job-empty').waitFor();

    const add0 = performance.now();
    await Promise.all(
      [...sim.managers.values()].map((m) => rpc(app.info, 'managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })),
    );
    await page.getByTestId('job-row').first().waitFor();
    const firstRowsAfterAdd = performance.now() - add0;

    const reload0 = performance.now();
    await page.reload();
    await page.getByTestId('job-row').first().waitFor();
    const firstRowsAfterLoad = performance.now() - reload0;

    const all0 = performance.now();
    const loaded = await rpc(app.info, 'jobs.loadAll', {});
    const loadAll = performance.now() - all0;
    await page.getByTestId('job-footer').getByText(`${(MANAGERS * JOBS).toLocaleString('en-US')} of ${(MANAGERS * JOBS).toLocaleString('en-US')} preheats loaded`).waitFor();
    const rss = rssMiB(app.info.pid);

    // Keystroke → list updated: from the keydown to the answer applied.
    const latencies = await keystrokes(page, '[data-testid=job-search]', ['nginx', 'weights', 'release', 'pytorch'], { selector: '[data-testid=job-table]', attr: 'data-applied' });
    await page.waitForTimeout(500);

    // Scroll from the top to the bottom of 100,000 rows in wheel steps, timing every frame.
    const frames = await scrollFrames(page, '[data-testid=job-list]', 300);
    await page.getByTestId('job-row').last().waitFor();

    console.log(`first rendered rows after adding ${MANAGERS} managers: ${ms(firstRowsAfterAdd)}`);
    console.log(`first rendered rows on page load: ${ms(firstRowsAfterLoad)}`);
    console.log(`load every page (${loaded.value?.loaded ?? '?'} more jobs): ${ms(loadAll)}`);
    console.log(`keystroke → updated list over ${MANAGERS * JOBS} jobs: ${spread(latencies)} (${latencies.length} keystrokes)`);
    console.log(`scrolling all rows: ${frames.length} frames, ${spread(frames)}`);
    console.log(`back end resident memory with ${MANAGERS * JOBS} jobs loaded: ${rss.toFixed(0)} MiB`);
  });
}

run(main);
