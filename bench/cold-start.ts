/**
 * `npm run bench:cold`: the app started cold on the web transport with 10 simulated managers already
 * configured (a data directory kept from the warm-up run), in phases: spawn → back end listening →
 * overview painted (the first cluster row) → interactive (every manager refreshed, and a keystroke in
 * the cluster search painted). Each phase ends on the frame that shows it, checked in the page on
 * every frame (a locator's polling, 500 ms apart, would time itself). The back end listens before
 * its services load, and the page loads meanwhile, so the time the services took is printed beside
 * the phases. Chromium is up already. Two sets of starts: each in a fresh browser context (no cache: a
 * first start), then in one kept profile with the app on the same port each time, as the desktop app
 * keeps its profile and its `app://desk` origin, so the renderer's scripts come from the cache with
 * their compiled code (the scheme asks for V8's code cache: app-protocol.ts). The back end keeps its
 * own code cache in the data directory in both. Goal for both: spawn → interactive ≤ 1.5 s. The
 * simulator runs in its own process, but on the same two cores: its answers slow down as the back
 * end and Chromium take them.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import processes, { launchUrl, rpc, startWebApp } from '../scripts/lib/processes.cjs';
import { COLD_BENCH } from '../tools/manager-sim/scenarios';
import type { Page } from '@playwright/test';
import { SHOWN_AT, epochNow, launchChromium, launchChromiumProfile, overviewLoaded, run, shownAt } from './lib/measure';
import { Report } from './lib/report';

const RUNS = 10;

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** A free loopback port: the kept profile's runs serve the app on one origin, as the desktop app's `app://desk`. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Phases = Record<'listening' | 'services' | 'painted' | 'interactive', number[]>;

async function main() {
  const report = new Report('bench:cold');
  const sim = (await processes.startSimulator('cold-bench')) as { child: ChildProcess; info: { managers: { name: string; url: string }[] } };
  const clusters = COLD_BENCH.managers * COLD_BENCH.clusters;
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-cold-'));
  const browser = await launchChromium();
  const kept = await launchChromiumProfile(mkdtempSync(join(tmpdir(), 'desk-cold-profile-')));
  const port = await freePort();
  let configured = false;

  /** `RUNS` timed starts after `warmUps` untimed ones, each page opened by `open`, served on `port` if given. */
  const starts = async (warmUps: number, open: () => Promise<{ page: Page; close(): Promise<void> }>, port?: number) => {
    const phases: Phases = { listening: [], services: [], painted: [], interactive: [] };
    for (let i = 0; i < warmUps + RUNS; i++) {
      const { page, close } = await open();
      await page.addInitScript(SHOWN_AT('[data-testid=cluster-row]'));
      const t0 = epochNow();
      // The back end listens first and loads its services behind it; the page's calls wait for them.
      const { child, info, next } = await startWebApp({ secrets: 'file', dataDir, untilReady: false, extra: port ? ['--port', String(port)] : [] });
      const listening = epochNow();
      const services = next.then(epochNow);
      try {
        if (!configured) {
          // The first warm-up run configures the managers; the others find them in the data directory.
          for (const m of sim.info.managers) await rpc(info, 'managers.add', { name: m.name, baseUrl: m.url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
          configured = true;
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
        if (i >= warmUps) {
          phases.listening.push(listening - t0);
          phases.painted.push(painted - listening);
          phases.interactive.push(interactive - painted);
          phases.services.push((await services) - t0);
        }
      } finally {
        await close();
        await stopped(child);
      }
    }
    return phases;
  };

  const profiles: [string, Phases][] = [];
  try {
    const fresh = async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      return { page: await context.newPage(), close: () => context.close() };
    };
    profiles.push(['a fresh browser profile (a first start)', await starts(1, fresh)]);
    const again = async () => {
      const page = await kept.newPage();
      return { page, close: () => page.close() };
    };
    // Chromium keeps a script's compiled code from its second load on: two warm-up starts.
    profiles.push(['the profile kept (every later start)', await starts(2, again, port)]);
  } finally {
    await browser.close();
    await kept.close();
    sim.child.kill();
  }
  for (const [profile, phases] of profiles) {
    const total = phases.listening.map((l, i) => l + phases.painted[i]! + phases.interactive[i]!);
    report.samples(`${profile}: spawn → back end listening`, phases.listening, 'ms');
    report.samples(`${profile}: spawn → services loaded (meanwhile, the page loads)`, phases.services, 'ms');
    report.samples(`${profile}: listening → overview painted (first cluster row)`, phases.painted, 'ms');
    report.samples(`${profile}: painted → interactive (every manager refreshed, a keystroke painted)`, phases.interactive, 'ms');
    report.samples(`${profile}: spawn → interactive`, total, 'ms', { goal: 1500 });
  }
  report.finish();
}

run(main);
