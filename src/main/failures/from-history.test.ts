import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweep } from '../../../test/helpers/json-sweep';
import { JobDetail } from '../../shared/models';
import { HistoryStore, type HistoryRecord } from '../history/history-store';
import { toDetail } from '../jobs/detail';
import { Job } from '../manager-client/wire-format';
import { failureEntries } from './entries';
import { failureSource, failuresFromHistory } from './from-history';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const names = { manager: () => 'prod-eu', cluster: () => 'c1' };
const fixture = Job.parse(JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/jobs/success-partial.json'), 'utf8')));

/** A real detail (from a manager's answer) with an error line and a failed peer, so every part is read. */
function detail(jobId: number): JobDetail {
  const d = toDetail('eu', { ...fixture, id: jobId }, names, NOW);
  return JobDetail.parse({
    ...d,
    row: { ...d.row, status: 'partial', clusters: [{ id: 1, name: 'c1' }] },
    errorLog: [{ cluster: { id: 1, name: 'c1' }, taskUuid: 't1', taskState: 'FAILURE', error: `job ${jobId}: all peers preheat failed: group_1 task_1 10.1.2.61 node-011 403` }],
    peers: [
      { outcome: 'failed', url: 'https://f.example.com/a.bin', hostname: `node-${jobId}`, ip: '10.1.2.9', cluster: { id: 1, name: 'c1' }, description: 'connection refused' },
      { outcome: 'succeeded', url: 'https://f.example.com/a.bin', hostname: 'seed-1', ip: '10.1.2.1', cluster: null, description: '' },
    ],
  });
}

function record(jobId: number, d: JobDetail | null, at: string): HistoryRecord {
  return {
    jobId,
    entry: { state: 'SUCCESS', status: 'partial', kind: 'file', urls: d?.row.urls ?? [], description: '', createdAt: at, updatedAt: at, clusterIds: [1], failedPeers: 1, gone: false },
    transitions: [{ at, from: 'pending', to: 'partial' }],
    detail: d,
    notified: false,
    seenAt: at,
  };
}

describe('failure lines from the history', () => {
  it('are the lines of each kept detail, oldest job first, with a detail that no longer fits left out', async () => {
    const store = new HistoryStore({ dir: mkdtempSync(join(tmpdir(), 'desk-fh-')), limits: { retentionDays: 30, maxMB: 100 }, now: () => NOW, syncDelayMs: 0 });
    await store.load();
    store.put('eu', record(2, detail(2), '2026-12-02T11:00:00Z'));
    store.put('eu', record(1, detail(1), '2026-12-02T10:00:00Z'));
    const broken = detail(3) as unknown as { peers: unknown[] };
    broken.peers = [{ outcome: 'failed', hostname: 'x' }];
    store.put('eu', record(3, broken as unknown as JobDetail, '2026-12-02T11:30:00Z'));

    const lines = failuresFromHistory(store, (id) => (id === 'eu' ? 'prod-eu' : null));
    const expected = [1, 2].flatMap((id) => failureEntries(store.detail('eu', id)!, 'prod-eu', store.summary('eu', id)!.transitions.at(-1)!.at));
    expect(lines).toEqual(expected);
    expect(lines.map((l) => [l.jobId, l.kind])).toEqual([
      [1, 'job_error'],
      [1, 'peer_failure'],
      [2, 'job_error'],
      [2, 'peer_failure'],
    ]);
    // A manager no longer configured contributes nothing.
    expect(failuresFromHistory(store, () => null)).toEqual([]);
    store.dispose();
  });

  it('takes every detail zod takes, and refuses a wrong value in any part the lines read', () => {
    const valid = detail(1);
    const read = /^(row(\.(managerId|id|description|urls|status|clusters)(\..*)?)?|errorLog(\.\d+(\.(error|cluster)(\..*)?)?)?|peers(\.\d+(\.(outcome|cluster|hostname|ip|url|description)(\..*)?)?)?)$/;
    let readSwaps = 0;
    for (const { path, to, swapped } of sweep(valid)) {
      const zod = JobDetail.safeParse(swapped).success;
      const ours = failureSource(swapped) !== null;
      if (zod) expect({ path, to, ours }).toEqual({ path, to, ours: true });
      if (read.test(path)) {
        expect({ path, to, ours }).toEqual({ path, to, ours: zod });
        readSwaps++;
      }
    }
    expect(readSwaps).toBeGreaterThan(500);
  });
});
