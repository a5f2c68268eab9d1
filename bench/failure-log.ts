/**
 * `npm run bench:failures`: 100,000 lines in the live failure log, as an operator would get them: 10
 * simulated managers whose 10,000 preheats each fail on 10 peers, seen end by the app's watcher. Then
 * Chromium measures opening the log, scrolling all of it, a keystroke in its search, and the back
 * end's memory.
 */
import { launchUrl, rpc } from '../scripts/lib/processes.cjs';
import { inBrowser, keystrokes, repeat, run, scrollFrames, shown } from './lib/measure';
import { Report } from './lib/report';
import { settledRss } from './lib/stats';
import { seedInventory } from '../tools/manager-sim/seed';
import { Simulator } from '../tools/manager-sim/simulator';

const MANAGERS = 10;
const JOBS = 1000;
const PEERS = 10;


async function main() {
  // The clock keeps running (a frozen one would refuse any second sign-in of a user forever); the
  // jobs end 10 minutes in, which the benchmark reaches by moving the clock once every job is seen.
  const sim = new Simulator();
  for (let i = 0; i < MANAGERS; i++) {
    const m = await sim.addManager(`m${i}`);
    seedInventory(m, { net: i + 1, clusters: [{ name: `m${i}-a`, peers: 4 }] });
    m.insertJobs(
      Array.from({ length: JOBS }, (_, j) => {
        const url = `https://files.example.com/bench/${i}/${j}.bin`;
        return {
          createdAt: sim.clock.now(),
          patchedAt: null,
          pollerLostAt: null,
          taskId: `group_${i}_${j}`,
          bio: `bench ${i}/${j}`,
          type: 'preheat',
          userId: 1,
          clusterIds: [1],
          args: { type: 'file' as const, url: '', urls: [url], scope: 'all_peers' },
          tasks: [
            {
              clusterId: 1,
              taskUuid: `task_${i}_${j}`,
              doneAfterS: 600,
              outcome: {
                kind: 'success' as const,
                succeeded: [],
                failed: Array.from({ length: PEERS }, (_, p) => ({ url, hostname: `m${i}-node-${p}`, ip: `10.${i}.${p}.${j % 250}`, description: `task ${j}-${p} failed: rpc error: code = DeadlineExceeded desc = context deadline exceeded` })),
              },
            },
          ],
        };
      }),
    );
  }

  const report = new Report('bench:failures');
  // The watcher every 0.5 s fills the log fast; it keeps running while the browser measures.
  await inBrowser(sim, async (app, browser) => {
    await Promise.all(
      [...sim.managers.values()].map((m) => rpc(app.info, 'managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })),
    );
    const pendingSeen = async () => ((await rpc(app.info, 'watch.states', {})).value as { pending: number }[]).reduce((n, s) => n + s.pending, 0);
    while ((await pendingSeen()) < MANAGERS * JOBS) await new Promise((r) => setTimeout(r, 200));
    // Past the manager's poll at 750 s, well short of the 65 minutes that would make them stuck.
    sim.clock.advance(800_000);
    const t0 = performance.now();
    const total = async () => (await rpc(app.info, 'failures.query', { filter: {}, offset: 0, limit: 0 })).value.total as number;
    while ((await total()) < MANAGERS * JOBS * PEERS) await new Promise((r) => setTimeout(r, 200));
    report.value(`watcher reading ${MANAGERS * JOBS} ended jobs into ${MANAGERS * JOBS * PEERS} failure lines`, performance.now() - t0, 'ms');

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(await launchUrl(app.info));
    await page.getByTestId('notification-bell').waitFor();
    // Open the log from a settled overview: the overview's own first load is measured by bench:dashboard.
    await page.waitForFunction(() => document.querySelector('[data-testid=dashboard-updated]')?.textContent?.startsWith('updated '));
    // Overview → log, timed from the click to the newest lines drawn; back to the overview between runs.
    const openMs = await repeat(
      5,
      async () => {
        await page.getByTestId('nav-failures').click();
        await shown(page, '[data-testid=failure-count]', '100,000 failures');
        await shown(page, '[data-testid=failure-row]');
      },
      async () => {
        await page.getByTestId('nav-overview').click();
        await page.getByTestId('dashboard-updated').waitFor();
      },
    );
    await page.getByTestId('nav-failures').click();
    await page.getByTestId('failure-row').last().waitFor();

    // From the newest line to the oldest in 300 steps, timing every frame.
    const frames = await scrollFrames(page, '[data-testid=failure-scroller]', 300, 'up');
    const until = { selector: '[data-testid=failure-table]', attr: 'data-applied' };
    await keystrokes(page, '[data-testid=failure-search]', ['warm'], until);
    const latencies = await keystrokes(page, '[data-testid=failure-search]', ['node-7', '10.3.4', 'deadline'], until);

    report.samples('open the log at its newest line, 100,000 lines (from a settled overview)', openMs, 'ms');
    report.samples('scrolling from the newest line to the oldest, frame time', frames, 'ms');
    report.samples('keystroke in its search → updated log', latencies, 'ms', { goal: 50 });
    const rss = await settledRss(app.info.pid);
    report.value('back end resident memory with 100,000 lines and 10,000 jobs in history, settled', rss.settled, 'MiB', { goal: 250, note: `${rss.atOnce.toFixed(0)} MiB right after the last keystroke` });
  }, 500);
  report.finish();
}

run(main);
