/**
 * `npm run bench`: 10 simulated managers × 10,000 preheat jobs, the app on the web transport, and
 * Chromium measuring what a user feels:
 *   - time from adding the managers to the first rendered rows, and from a page load to them;
 *   - time to load every page of every manager (100,000 jobs);
 *   - time from a keystroke in search to the updated list, with all 100,000 loaded;
 *   - frame times while scrolling the whole list;
 *   - the back end's resident memory with everything loaded.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { rpc, startWebApp } from '../scripts/lib/processes.cjs';
import { seedInventory, seedJobs } from '../tools/manager-sim/seed';
import { Simulator } from '../tools/manager-sim/simulator';

const MANAGERS = Number(process.env.BENCH_MANAGERS ?? 10);
const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);

const ms = (n: number) => `${n.toFixed(0)} ms`;
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const t0 = performance.now();
  const sim = new Simulator();
  for (let i = 0; i < MANAGERS; i++) {
    const m = await sim.addManager(`m${String(i).padStart(2, '0')}`);
    seedInventory(m, { net: i + 1, clusters: [{ name: `m${i}-a` }, { name: `m${i}-b` }, { name: `m${i}-c` }] });
    seedJobs(m, { count: JOBS, spanMs: 6 * 3600_000, seed: i + 1 });
  }
  console.log(`seeded ${MANAGERS} × ${JOBS} jobs in ${ms(performance.now() - t0)}`);

  const app = await startWebApp({ secrets: 'memory', extra: ['--refresh-ms', '3600000'] });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.goto(`${app.info.launchUrl}#/preheats`);
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

    // Keystroke → list updated: time from keydown to the first row changing.
    const search = page.getByTestId('job-search');
    const latencies: number[] = [];
    for (const word of ['nginx', 'weights', 'release', 'pytorch']) {
      await search.fill('');
      await page.waitForTimeout(300);
      for (const ch of word) {
        const before = await page.getByTestId('job-table').getAttribute('data-applied');
        // Page scripts are strings: tsx would wrap functions in helpers the page does not have.
        const measured = page.evaluate(`new Promise((resolve) => {
          const start = performance.now();
          const check = () => {
            const now = document.querySelector('[data-testid=job-table]')?.getAttribute('data-applied');
            if (now !== ${JSON.stringify(before)}) resolve(performance.now() - start);
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        })`) as Promise<number>;
        await search.press(ch);
        latencies.push(await measured);
      }
    }
    await search.fill('');
    await page.waitForTimeout(500);

    // Scroll from the top to the bottom of 100,000 rows in wheel steps, timing every frame.
    const frames = (await page.evaluate(`(async () => {
      const list = document.querySelector('[data-testid=job-list]');
      const times = [];
      let last = performance.now();
      let running = true;
      const tick = () => {
        const now = performance.now();
        times.push(now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const step = list.scrollHeight / 300;
      for (let i = 0; i < 300; i++) {
        list.scrollTop += step;
        await new Promise((r) => requestAnimationFrame(r));
      }
      running = false;
      return times.slice(1);
    })()`)) as number[];
    await page.getByTestId('job-row').last().waitFor();

    console.log(`first rendered rows after adding ${MANAGERS} managers: ${ms(firstRowsAfterAdd)}`);
    console.log(`first rendered rows on page load: ${ms(firstRowsAfterLoad)}`);
    console.log(`load every page (${loaded.value?.loaded ?? '?'} more jobs): ${ms(loadAll)}`);
    console.log(`keystroke → updated list over ${MANAGERS * JOBS} jobs: median ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, max ${ms(Math.max(...latencies))} (${latencies.length} keystrokes)`);
    console.log(`scrolling all rows: ${frames.length} frames, median ${ms(pct(frames, 50))}, p95 ${ms(pct(frames, 95))}, max ${ms(Math.max(...frames))}`);
    console.log(`back end resident memory with ${MANAGERS * JOBS} jobs loaded: ${rss.toFixed(0)} MiB`);
  } finally {
    await browser.close();
    app.child.kill('SIGTERM');
    await sim.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
