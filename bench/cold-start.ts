/**
 * `npm run bench:cold`: the app started cold on the web transport with 10 simulated managers already
 * configured (a data directory kept from the warm-up run), in phases: spawn → back end listening →
 * overview painted (the first cluster row) → interactive (every manager refreshed, and a keystroke in
 * the cluster search painted). Each phase ends on the frame that shows it, checked in the page on
 * every frame (a locator's polling, 500 ms apart, would time itself). The back end listens before
 * its services load, and the page loads meanwhile, so the time the services took is printed beside
 * the phases. Chromium is up already, each run in a fresh context (no cache). Goal: spawn →
 * interactive ≤ 1.5 s. The simulator runs in its own process, so its work does not delay the
 * timings taken here.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import processes, { launchUrl, rpc, startWebApp } from '../scripts/lib/processes.cjs';
import { COLD_BENCH } from '../tools/manager-sim/scenarios';
import { SHOWN_AT, epochNow, launchChromium, overviewLoaded, run, shownAt } from './lib/measure';
import { Report } from './lib/report';

const RUNS = 10;

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function main() {
  const report = new Report('bench:cold');
  const sim = (await processes.startSimulator('cold-bench')) as { child: ChildProcess; info: { managers: { name: string; url: string }[] } };
  const clusters = COLD_BENCH.managers * COLD_BENCH.clusters;
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-cold-'));
  const browser = await launchChromium();
  const phases = { listening: [] as number[], painted: [] as number[], interactive: [] as number[], services: [] as number[] };
  try {
    for (let i = 0; i <= RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(SHOWN_AT('[data-testid=cluster-row]'));
      const t0 = epochNow();
      // The back end listens first and loads its services behind it; the page's calls wait for them.
      const { child, info, next } = await startWebApp({ secrets: 'file', dataDir, untilReady: false });
      const listening = epochNow();
      const services = next.then(epochNow);
      try {
        if (i === 0) {
          // The warm-up run configures the managers; the timed runs find them in the data directory.
          for (const m of sim.info.managers) await rpc(info, 'managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
        }
        await page.goto(await launchUrl(info));
        const painted = await shownAt(page);
        await overviewLoaded(page, clusters);
        const keystroke = page.evaluate(`new Promise((resolve) => {
          document.querySelector('[data-testid=cluster-search]').addEventListener('keydown', () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))), { once: true });
        })`);
        await page.locator('[data-testid=cluster-search]').press('c');
        await keystroke;
        const interactive = epochNow();
        if (i > 0) {
          phases.listening.push(listening - t0);
          phases.painted.push(painted - listening);
          phases.interactive.push(interactive - painted);
          phases.services.push((await services) - t0);
        }
      } finally {
        await context.close();
        await stopped(child);
      }
    }
  } finally {
    await browser.close();
    sim.child.kill();
  }
  const total = phases.listening.map((l, i) => l + phases.painted[i]! + phases.interactive[i]!);
  report.samples('spawn → back end listening', phases.listening, 'ms');
  report.samples('spawn → services loaded (meanwhile, the page loads)', phases.services, 'ms');
  report.samples('listening → overview painted (first cluster row)', phases.painted, 'ms');
  report.samples('painted → interactive (every manager refreshed, a keystroke painted)', phases.interactive, 'ms');
  report.samples('spawn → interactive', total, 'ms', { goal: 1500 });
  report.finish();
}

run(main);
