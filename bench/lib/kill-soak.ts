import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildSync } from 'esbuild';
import { SpecDocs } from '../../src/main/drafts/spec-docs';
import { HistoryStore } from '../../src/main/history/history-store';
import { JobClustersCache } from '../../src/main/jobs/job-clusters-cache';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import { SettingsStore } from '../../src/main/settings/settings-store';

export interface KillSoakReport {
  kills: number;
  /** Writes the victim acknowledged before it was killed, in all. */
  acknowledged: number;
  /** Stores found unreadable (set aside) after a kill, and acknowledged records not found. */
  corrupt: number;
  lost: number;
  /** Torn history lines found and cut off at the next start (an unacknowledged write). */
  tornTails: number;
  problems: string[];
  seconds: number;
}

/** The victim as one bundled file, so each of the many starts costs tens of milliseconds. */
function bundleWriter(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'desk-kill-writer-')), 'writer.cjs');
  buildSync({ entryPoints: [join(__dirname, 'kill-writer.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
  return out;
}

/**
 * Start the victim, let it write for a random while, SIGKILL it, then open every store as the app would
 * and check: each one readable, and no acknowledged write missing. The same data folder carries on
 * from kill to kill.
 */
export async function runKillSoak(opts: { kills: number; seed?: number; maxRunMs?: number }): Promise<KillSoakReport> {
  const started = Date.now();
  const writer = bundleWriter();
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-kill-soak-'));
  const report: KillSoakReport = { kills: 0, acknowledged: 0, corrupt: 0, lost: 0, tornTails: 0, problems: [], seconds: 0 };
  let rand = opts.seed ?? 1;
  const random = () => ((rand = (rand * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < opts.kills; i++) {
    const acked = { history: 0, targets: 0, settings: 0, managers: 0, drafts: 0, firstHistory: 0 } as Record<string, number>;
    const child = spawn(process.execPath, [writer, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    await new Promise<void>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line === 'ready') {
          // Somewhere in the middle of its writes: a random moment, different every time.
          setTimeout(() => child.kill('SIGKILL'), 2 + random() * (opts.maxRunMs ?? 150));
          resolve();
          return;
        }
        const m = /^ack (\w+) (\d+)$/.exec(line);
        if (m) {
          if (m[1] === 'history' && !acked.firstHistory) acked.firstHistory = Number(m[2]);
          acked[m[1]!] = Math.max(acked[m[1]!] ?? 0, Number(m[2]));
          report.acknowledged++;
        }
      });
      child.once('exit', () => resolve());
    });
    await exited;
    report.kills++;
    await check(dataDir, acked, report, i);
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}

async function check(dataDir: string, acked: Record<string, number>, report: KillSoakReport, kill: number) {
  const fail = (kind: 'corrupt' | 'lost', text: string) => {
    report[kind]++;
    if (report.problems.length < 20) report.problems.push(`after kill ${kill + 1}: ${text}`);
  };
  const registry = new ManagerRegistry({ dataDir, secrets: new MemoryStore() });
  await registry.load();
  if (registry.notices.length) fail('corrupt', registry.notices[0]!);
  const name = registry.all()[0]?.name ?? '';
  if (acked.managers && Number(/(\d+)$/.exec(name)?.[1] ?? 0) < acked.managers) fail('lost', `managers.json has ${name}, ack was soak-${acked.managers}`);

  const settings = new SettingsStore({ dataDir });
  await settings.load();
  if (settings.notice) fail('corrupt', settings.notice);
  if (acked.settings && settings.get().historyRetentionDays < acked.settings) fail('lost', `settings has ${settings.get().historyRetentionDays}, ack was ${acked.settings}`);

  const history = new HistoryStore({ dir: join(dataDir, 'history'), limits: { retentionDays: 3650, maxMB: 1000 }, syncDelayMs: 0 });
  await history.load();
  for (const n of history.notices) {
    if (/cut short/.test(n)) report.tornTails++;
    else fail('corrupt', n);
  }
  // Every job acknowledged in this run.
  for (let id = acked.firstHistory || 1; id <= (acked.history ?? 0); id++) {
    if (!history.summary('m', id)) fail('lost', `history has no job ${id}, ack was ${acked.history}`);
  }
  history.dispose();

  const clusters = new JobClustersCache({ dataDir });
  await clusters.load();
  if (clusters.notice) fail('corrupt', clusters.notice);
  if (acked.targets && !clusters.get('m', acked.targets)) fail('lost', `job-targets.json has no job ${acked.targets}`);

  const drafts = new SpecDocs({ dataDir, secrets: new MemoryStore(), names: { manager: () => null, cluster: () => null } });
  await drafts.load();
  for (const n of drafts.notices) fail('corrupt', n);
  const draft = drafts.list('draft')[0];
  const revision = draft ? drafts.get(draft.id).revision : 0;
  if (acked.drafts && revision < acked.drafts) fail('lost', `the draft is at revision ${revision}, ack was ${acked.drafts}`);
}
