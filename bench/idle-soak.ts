/**
 * `npm run bench:idle`: the app left open on the overview for an hour of simulated time with 10
 * managers, while preheats trickle in; its back end's memory must stay flat after the warm-up (goal:
 * a slope ≤ 1 MiB per hour, for resident memory and for the V8 heap used).
 *
 * The 10 simulated managers (3 clusters each, 300 preheats of the last 6 hours) run in their own process,
 * so the back end (`out/main/web.js`, watcher on) is measured alone, with Chromium showing the overview,
 * which re-reads it after every watcher tick as for a user. "An hour" is 240 watcher ticks, the number a
 * busy watcher makes in an hour (one per BUSY_TICK_MS, 15 s). They run every second (`--refresh-ms
 * 1000`), and the benchmark moves the managers' clock 15 s on at each tick it is told of, so each
 * preheat lives through as many ticks as it would for real. At each tick one new preheat is created, on
 * the managers in turn (240 in the hour, one per manager every 150 s, with the simulator's usual mix:
 * about half pending for 10–20 minutes, some failing, partial or never starting), so the watcher, the
 * failure log and the notifications all work. Every 4 ticks (a minute) the benchmark asks for the overview's
 * refresh: each manager's inventory and the last 24 h of jobs, as the overview does each minute on its
 * own (its own cadence runs on the back end's clock, which is not sped up; that refresh also wakes the
 * watcher, and that tick is one of the 240). The back end's clock is wall time: the managers' timestamps
 * run ahead of it, by up to the hour, so nothing is flagged stuck (65 minutes pending) in this run.
 *
 * Every 2 ticks (30 simulated seconds) the back end runs a full GC and records its heap used (bench/lib/
 * heap-probe.cjs, preloaded), and its resident memory is read from /proc just after. The first 12
 * minutes are warm-up; a least-squares line through the samples after it gives each slope. The heap V8
 * holds from the system (committed) gets a slope too, without a goal: it tells V8's share of the resident one.
 */
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { launchUrl, rpc, startSimulator, startWebApp } from '../scripts/lib/processes.cjs';
import { INVENTORY_REFRESH_MS } from '../src/main/dashboard/inventory';
import { BUSY_TICK_MS } from '../src/main/watch/watcher';
import { launchChromium, run } from './lib/measure';
import { Report } from './lib/report';
import { simControl } from './lib/sim-process';
import { rssMiB } from './lib/stats';

const MANAGERS = 10;
const CLUSTERS = 3;
const HOUR_TICKS = 3600_000 / BUSY_TICK_MS;
const REFRESH_EVERY = INVENTORY_REFRESH_MS / BUSY_TICK_MS;
const SAMPLE_EVERY = 2;
const WARM_UP_TICKS = HOUR_TICKS / 5;
const MiB = 2 ** 20;

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]) {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/** The back end's pushed events, counted: each `watch.changed` is one watcher tick. */
async function subscribe(info: { url: string; token: string }) {
  const ws = new WebSocket(`${info.url.replace(/^http/, 'ws')}events`, { headers: { 'x-desk-token': info.token } });
  const seen = { ticks: 0, failureLines: 0, notifications: 0 };
  let wake: () => void = () => undefined;
  ws.on('message', (data) => {
    const { event, payload } = JSON.parse(String(data)) as { event: string; payload: { added?: number } };
    if (event === 'watch.changed') seen.ticks++;
    if (event === 'failures.appended') seen.failureLines += payload.added ?? 0;
    if (event === 'notifications.new') seen.notifications++;
    wake();
  });
  await once(ws, 'open');
  return {
    seen,
    /** Resolve once `n` ticks have been seen in all. */
    async tick(n: number) {
      const deadline = Date.now() + 60_000;
      while (seen.ticks < n) {
        if (Date.now() > deadline) throw new Error(`no watcher tick for 60 s (tick ${n})`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1000);
        });
      }
    },
    close: () => ws.close(),
  };
}

async function main() {
  const report = new Report('bench:idle');
  const sim = await startSimulator('empty');
  const control = simControl(sim.info.controlUrl);
  const names: string[] = [];
  for (let i = 0; i < MANAGERS; i++) {
    const { name } = await control('POST', '/managers', { name: `idle${i}` });
    await control('POST', `/managers/${name}/inventory`, { net: i + 1, clusters: Array.from({ length: CLUSTERS }, (_, c) => ({ name: `idle${i}-${c}`, peers: 20 })) });
    await control('POST', `/managers/${name}/seed`, { count: 300, spanMs: 6 * 3600_000, seed: i + 1, failure: 0.1 });
    names.push(name);
  }
  const urls = new Map<string, string>((await control('GET', '/state')).managers.map((m: { name: string; url: string }) => [m.name, m.url]));
  /** Every job of every manager as its database has it now. */
  const jobStates = async () => {
    const out = new Map<string, { id: number; state: string }[]>();
    for (const name of names) out.set(name, await control('GET', `/managers/${name}/job-states`));
    return out;
  };

  const heapLog = join(mkdtempSync(join(tmpdir(), 'desk-idle-')), 'heap.jsonl');
  writeFileSync(heapLog, '');
  const app = await startWebApp({
    secrets: 'memory',
    extra: ['--refresh-ms', '1000'],
    env: { ...process.env, NODE_OPTIONS: `--expose-gc --require ${join(import.meta.dirname, 'lib', 'heap-probe.cjs')}`, DESK_HEAP_LOG: heapLog },
  });
  const pid = app.info.pid;
  const browser = await launchChromium();
  const events = await subscribe(app.info);
  try {
    for (const name of names) {
      const added = await rpc(app.info, 'managers.add', { name, baseUrl: urls.get(name), auth: { kind: 'password', username: 'root', password: 'dragonfly' } });
      if (!added.ok) throw new Error(`managers.add ${name}: ${added.message}`);
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(await launchUrl(app.info));
    await page.getByText(`${MANAGERS * CLUSTERS} of ${MANAGERS * CLUSTERS} clusters`).waitFor({ timeout: 120_000 });

    // The jobs after each manager's newest now are the hour's.
    const newest = new Map([...(await jobStates())].map(([name, states]) => [name, Math.max(...states.map((s) => s.id))]));
    const samples: { tick: number; rss: number; heap: number; committed: number }[] = [];
    const sample = async (tick: number) => {
      process.kill(pid, 'SIGUSR2');
      const deadline = Date.now() + 10_000;
      // Only a line its newline ended: the probe may be writing it.
      const line = () => readFileSync(heapLog, 'utf8').split('\n').slice(0, -1)[samples.length];
      while (!line()) {
        if (Date.now() > deadline) throw new Error('the heap probe did not answer within 10 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      const mem = JSON.parse(line()!) as NodeJS.MemoryUsage;
      samples.push({ tick, rss: rssMiB(pid), heap: mem.heapUsed / MiB, committed: mem.heapTotal / MiB });
    };

    const first = events.seen.ticks;
    const { failureLines, notifications } = events.seen;
    const simStart = Date.parse((await control('GET', '/state')).now);
    const t0 = performance.now();
    let created = 0;
    let refreshes = 0;
    for (let t = 1; t <= HOUR_TICKS; t++) {
      await events.tick(first + t);
      // The managers' clock to 15 s per tick, whatever the wall time between ticks.
      const simNow = Date.parse((await control('GET', '/state')).now);
      await control('POST', '/clock/advance', { ms: simStart + t * BUSY_TICK_MS - simNow });
      created += (await control('POST', `/managers/${names[t % MANAGERS]}/seed`, { count: 1, spanMs: 1000, seed: 1000 + t })).count as number;
      if (t % REFRESH_EVERY === 0) {
        if (!(await rpc(app.info, 'dashboard.refresh', {})).ok) throw new Error('dashboard.refresh failed');
        refreshes++;
      }
      if (t % SAMPLE_EVERY === 0) await sample(t);
      if (t % (HOUR_TICKS / 6) === 0) {
        const s = samples.at(-1)!;
        console.log(`  ${(t * BUSY_TICK_MS) / 60_000} simulated min: RSS ${s.rss.toFixed(1)} MiB, heap used ${s.heap.toFixed(1)} MiB, ${((performance.now() - t0) / 1000).toFixed(0)} s wall`);
      }
    }
    const ticks = events.seen.ticks - first;
    const wallS = (performance.now() - t0) / 1000;
    let ended = 0;
    let pendingAtEnd = 0;
    for (const [name, states] of await jobStates()) {
      ended += states.filter((s) => s.id > newest.get(name)! && s.state !== 'PENDING').length;
      pendingAtEnd += states.filter((s) => s.state === 'PENDING').length;
    }

    const kept = samples.filter((s) => s.tick > WARM_UP_TICKS);
    const hours = kept.map((s) => (s.tick * BUSY_TICK_MS) / 3600_000);
    const warmUp = `first ${(WARM_UP_TICKS * BUSY_TICK_MS) / 60_000} simulated minutes left out`;
    // The heap V8 holds from the system (used, free and fragmented): where the resident slope is V8's.
    for (const [label, key, goal] of [['resident memory (RSS)', 'rss', 1], ['V8 heap used', 'heap', 1], ['V8 heap committed', 'committed', undefined]] as const) {
      const ys = kept.map((s) => s[key]);
      report.value(`back end ${label}: slope after warm-up`, slope(hours, ys), 'MiB/h', {
        goal,
        note: `${ys[0]!.toFixed(1)} MiB at ${Math.round(hours[0]! * 60)} min → ${ys.at(-1)!.toFixed(1)} MiB at 60 min, ${ys.length} samples after a full GC each, ${warmUp}`,
      });
    }
    report.value('the simulated hour: watcher ticks', ticks, 'ticks', {
      note: `${created} preheats created, ${ended} of them ended within it (${pendingAtEnd} jobs pending at its end), ${events.seen.failureLines - failureLines} failure lines, ${events.seen.notifications - notifications} notifications, ${refreshes} overview refreshes; ${wallS.toFixed(0)} s wall time`,
    });
  } finally {
    events.close();
    await browser.close();
    app.child.kill('SIGTERM');
    sim.child.kill();
  }
  report.finish();
}

run(main);
