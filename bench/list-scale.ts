/**
 * `npm run bench`: 10 simulated managers × 10,000 preheat jobs, the app on the web transport, and
 * Chromium measuring what a user feels:
 *   - time from adding the managers to the first rendered rows, and from a page load to them;
 *   - time to load every page of every manager (100,000 jobs);
 *   - time from a keystroke in search to the updated list, with all 100,000 loaded (the first one after
 *     loading on its own: it finds the search's text built ahead, or builds it);
 *   - frame times while scrolling the whole list;
 *   - the back end's resident memory with everything loaded and searched.
 * The watcher runs at its own pace throughout, as for a user. Timed figures come after a warm-up run.
 * The simulator runs in its own process: in this one, its work would delay Playwright's and inflate
 * every figure taken here.
 */
import processes, { launchUrl, rpc } from '../scripts/lib/processes.cjs';
import { SHOWN_AT, SIGN_IN_GAP_MS, inBrowser, keystrokes, repeat, run, scrollFrames, shown, shownAt } from './lib/measure';
import { Report } from './lib/report';
import { settledRss } from './lib/stats';

const MANAGERS = Number(process.env.BENCH_MANAGERS ?? 10);
const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);

async function main() {
  const t0 = performance.now();
  const { child, info } = (await processes.startSimulator('list-bench')) as { child: { kill(): void }; info: { managers: { name: string; url: string }[] } };
  const report = new Report('bench:list');
  report.value('starting the simulator, seeded', performance.now() - t0, 'ms');
  await inBrowser({ close: () => child.kill() }, async (app, browser) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(SHOWN_AT('[data-testid=job-row]'));
    await page.goto(`${await launchUrl(app.info)}#/preheats`);
    await page.getByTestId('job-empty').waitFor();

    // Adding the managers, then removing them again between runs (the watcher runs throughout).
    const ids: string[] = [];
    const addAll = async () => {
      const added = await Promise.all(
        info.managers.map((m) => rpc(app.info, 'managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })),
      );
      ids.splice(0, ids.length, ...added.map((a) => a.value.id as string));
      await shown(page, '[data-testid=job-row]');
    };
    const removeAll = async () => {
      for (const id of ids) await rpc(app.info, 'managers.remove', { id });
      await page.getByTestId('job-empty').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(SIGN_IN_GAP_MS);
    };
    const afterAdd = await repeat(5, addAll, removeAll);
    await addAll();
    // In the page, from the navigation to the first rows drawn: what the user waits for.
    const afterLoad: number[] = [];
    await repeat(5, async () => {
      await page.reload();
      afterLoad.push((await shownAt(page)) - ((await page.evaluate('performance.timeOrigin')) as number));
    });
    afterLoad.shift();

    const all0 = performance.now();
    const loaded = await rpc(app.info, 'jobs.loadAll', {});
    const loadAll = performance.now() - all0;
    await page.getByTestId('job-footer').getByText(`${(MANAGERS * JOBS).toLocaleString('en-US')} of ${(MANAGERS * JOBS).toLocaleString('en-US')} preheats loaded`).waitFor({ timeout: 120_000 });

    // Keystroke → list updated: from the keydown to the answer applied. The first word warms up.
    const until = { selector: '[data-testid=job-table]', attr: 'data-applied' };
    const first = await keystrokes(page, '[data-testid=job-search]', ['warm'], until);
    const latencies = await keystrokes(page, '[data-testid=job-search]', ['nginx', 'weights', 'release', 'pytorch'], until);
    // Read once search has run: right after the load, the search text built ahead may not be built yet.
    const rss = await settledRss(app.info.pid);

    // Scroll from the top to the bottom of 100,000 rows in wheel steps, timing every frame, after a short warm-up scroll.
    await scrollFrames(page, '[data-testid=job-list]', 20);
    await page.evaluate(`document.querySelector('[data-testid=job-list]').scrollTop = 0`);
    const frames = await scrollFrames(page, '[data-testid=job-list]', 300);
    await page.getByTestId('job-row').last().waitFor();

    report.samples(`first rendered rows after adding ${MANAGERS} managers`, afterAdd, 'ms', { goal: 800 });
    report.samples('first rendered rows on a page load', afterLoad, 'ms', { goal: 300 });
    report.value(`loading every page of every manager (${loaded.value?.loaded ?? '?'} more jobs)`, loadAll, 'ms', { note: 'one run' });
    report.value('first keystroke in search after loading every page', first[0]!, 'ms', { note: 'one run' });
    report.samples(`keystroke in search → updated list, ${MANAGERS * JOBS} jobs loaded`, latencies, 'ms', { goal: 50 });
    report.samples('scrolling the whole list, frame time', frames, 'ms');
    report.value(`back end resident memory with ${MANAGERS * JOBS} jobs loaded and searched, watcher on, settled`, rss.settled, 'MiB', { goal: 150, note: `${rss.atOnce.toFixed(0)} MiB right after the last keystroke` });
  });
  report.finish();
}

run(main);
