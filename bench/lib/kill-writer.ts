import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { SpecDocs } from '../../src/main/drafts/spec-docs';
import { HistoryStore } from '../../src/main/history/history-store';
import { JobClustersCache } from '../../src/main/jobs/job-clusters-cache';
import { ManagerRegistry } from '../../src/main/managers/registry';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import { SettingsStore } from '../../src/main/settings/settings-store';
import { emptySpec } from '../../src/shared/preheat-spec';

/**
 * The kill soak's victim: writes to managers.json, settings, the history, the targets cache and a draft as fast
 * as it can, and prints `ack <store> <n>` once each write is acknowledged (its promise resolved, or
 * put() returned). The soak kills it with SIGKILL at random moments and checks what it finds.
 */
async function main() {
  const dataDir = process.argv[2]!;
  const registry = new ManagerRegistry({ dataDir, secrets: new MemoryStore() });
  await registry.load();
  const settings = new SettingsStore({ dataDir });
  await settings.load();
  const history = new HistoryStore({ dir: join(dataDir, 'history'), limits: { retentionDays: 3650, maxMB: 1000 }, syncDelayMs: 50 });
  await history.load();
  const clusters = new JobClustersCache({ dataDir, saveDelayMs: 60_000 });
  await clusters.load();
  const drafts = new SpecDocs({ dataDir, secrets: new MemoryStore(), names: { manager: () => null, cluster: () => null } });
  await drafts.load();
  let draftId = drafts.list('draft')[0]?.id;
  const ack = (store: string, n: number) => writeSync(1, `ack ${store} ${n}\n`);

  // Carry on from what is there: every store only ever moves forward.
  const counter = (s: string | undefined) => Number(/(\d+)$/.exec(s ?? '')?.[1] ?? 0);
  let manager = registry.all()[0];
  if (!manager) {
    await registry.add({ name: 'soak-0', baseUrl: 'http://127.0.0.1:9', auth: { kind: 'pat', token: 'soak-token' }, caCertPath: null, skipTlsVerify: false });
    manager = registry.all()[0]!;
  }
  let n = Math.max(counter(manager.name), settings.get().historyRetentionDays, ...history.summaries('m').map((s) => s.jobId), draftId ? drafts.get(draftId).revision : 0, 0);
  writeSync(1, 'ready\n');
  for (;;) {
    n++;
    const at = new Date(Date.parse('2026-11-30T00:00:00Z') + n * 1000).toISOString();
    history.put('m', {
      jobId: n,
      entry: { state: 'SUCCESS', status: 'succeeded', kind: 'file', urls: [`https://files.example.com/${n}`], description: `soak ${n}`, createdAt: at, updatedAt: at, clusterIds: [1], failedPeers: 0, gone: false },
      transitions: [{ at, from: null, to: 'succeeded' }],
      detail: null,
      notified: false,
      seenAt: at,
    });
    ack('history', n);
    clusters.set('m', n, [1, 2]);
    await clusters.flush();
    ack('targets', n);
    // What the form saves as it is typed.
    draftId = (await drafts.save({ id: draftId, spec: { ...emptySpec('file'), description: `typed ${n}` }, revision: n })).id;
    ack('drafts', n);
    if (n % 3 === 0) {
      await settings.update({ historyRetentionDays: Math.min(n, 3650) });
      ack('settings', Math.min(n, 3650));
    }
    if (n % 5 === 0) {
      const r = registry.all()[0]!;
      await registry.update(r.id, { name: `soak-${n}`, baseUrl: r.baseUrl, auth: { kind: 'pat' }, caCertPath: null, skipTlsVerify: false });
      ack('managers', n);
    }
  }
}

void main();
