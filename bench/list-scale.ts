/**
 * `npm run bench`: 10 simulated managers × 10,000 preheat jobs, the app on the web transport, and
 * Chromium measuring what a user feels:
 *   - time from adding the managers to the first rendered rows, and from a page load to them;
 *   - time to load every page of every manager (100,000 jobs);
 *   - time from a keystroke in search to the updated list, with all 100,000 loaded;
 *   - frame times while scrolling the whole list;
 *   - the back end's resident memory with everything loaded.
 * The watcher runs at its own pace throughout, as for a user. Timed figures come after a warm-up run.
 */
import { launchUrl, rpc } from '../scripts/lib/processes.cjs';
import { inBrowser, keystrokes, repeat, run, scrollFrames } from './lib/measure';
import { Report } from './lib/report';
import { rssMiB } from './lib/stats';
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

  const report = new Report('bench:list');
  report.value('seeding the simulator', performance.now() - t0, 'ms');
  await inBrowser(sim, async (app, browser) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${await launchUrl(app.info)}#/preheats`);
    await page.getByTestId('job-empty').waitFor();

    // Adding the managers, then removing them again between runs (the watcher runs throughout).
    const ids: string[] = [];
    const addAll = async () => {
      const added = await Promise.all(
        [...sim.managers.values()].map((m) => rpc(app.info, 'managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })),
      );
      ids.splice(0, ids.length, ...added.map((a) => a.value.id as string));
      await page.getByTestId('job-row').first().waitFor({ timeout: 60_000 });
    };
    const removeAll = async () => {
      for (const id of ids) await rpc(app.info, 'managers.remove', { id });
      await page.getByTestId('job-empty').waitFor({ timeout: 60_000 });
    };
    const afterAdd = await repeat(5, addAll, removeAll);
    await addAll();
    const afterLoad = await repeat(5, async () => {
      await page.reload();
      await page.getByTestId('job-row').first().waitFor();
    });

    const all0 = performance.now();
    const loaded = await rpc(app.info, 'jobs.loadAll', {});
    const loadAll = performance.now() - all0;
    await page.getByTestId('job-footer').getByText(`${(MANAGERS * JOBS).toLocaleString('en-US')} of ${(MANAGERS * JOBS).toLocaleString('en-US')} preheats loaded`).waitFor({ timeout: 120_000 });
    const rss = rssMiB(app.info.pid);

    // Keystroke → list updated: from the keydown to the answer applied. The first word warms up.
    const until = { selector: '[data-testid=job-table]', attr: 'data-applied' };
    await keystrokes(page, '[data-testid=job-search]', ['warm'], until);
    const latencies = await keystrokes(page, '[data-testid=job-search]', ['nginx', 'weights', 'release', 'pytorch'], until);
    await page.waitForTimeout(500);

    // Scroll from the top to the bottom of 100,000 rows in wheel steps, timing every frame, after a short warm-up scroll.
    await scrollFrames(page, '[data-testid=job-list]', 20);
    await page.evaluate(`document.querySelector('[data-testid=job-list]').scrollTop = 0`);
    const frames = await scrollFrames(page, '[data-testid=job-list]', 300);
    await page.getByTestId('job-row').last().waitFor();

    report.samples(`first rendered rows after adding ${MANAGERS} managers`, afterAdd, 'ms', { goal: 800 });
    report.samples('first rendered rows on a page load', afterLoad, 'ms', { goal: 300 });
    report.value(`loading every page of every manager (${loaded.value?.loaded ?? '?'} more jobs)`, loadAll, 'ms', { note: 'one run' });
    report.samples(`keystroke in search → updated list, ${MANAGERS * JOBS} jobs loaded`, latencies, 'ms', { goal: 50 });
    report.samples('scrolling the whole list, frame time', frames, 'ms');
    report.value(`back end resident memory with ${MANAGERS * JOBS} jobs loaded, watcher on`, rss, 'MiB', { goal: 150 });
  });
  report.finish();
}

run(main);
