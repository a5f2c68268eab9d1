import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Job } from '../manager-client/wire-format';
import type { JobDetail } from '../../shared/models';
import { toDetail } from '../jobs/detail';
import { HistoryStore, type HistoryRecord } from './history-store';

const NOW = Date.parse('2026-11-26T12:00:00Z');

function record(jobId: number, patch: Partial<HistoryRecord> = {}, createdAt = '2026-11-26T11:00:00Z'): HistoryRecord {
  return {
    jobId,
    entry: { state: 'FAILURE', status: 'failed', kind: 'file', urls: ['https://f/x'], description: `job ${jobId}`, createdAt, updatedAt: createdAt, clusterIds: [1], failedPeers: 0, gone: false },
    transitions: [{ at: createdAt, from: null, to: 'pending' }],
    detail: null,
    notified: false,
    seenAt: createdAt,
    ...patch,
  };
}

const names = { manager: () => 'm1', cluster: () => 'c1' };
const fixture = Job.parse(JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/jobs/success-partial.json'), 'utf8')));
/** A real detail whose description carries the given text, so it can be told apart. */
const detail = (text: string): JobDetail => {
  const d = toDetail('m1', fixture, names, NOW);
  return { ...d, row: { ...d.row, description: text } };
};

async function open(dir: string, limits = { retentionDays: 30, maxMB: 100 }) {
  const store = new HistoryStore({ dir, limits, now: () => NOW, syncDelayMs: 0 });
  await store.load();
  return store;
}

describe('HistoryStore', () => {
  it('keeps the newest record of each job and reads details back from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-hist-'));
    const store = await open(dir);
    store.put('m1', record(1, { detail: detail('first') }));
    store.put('m1', record(1, { entry: { ...record(1).entry, gone: true } }));
    store.put('m1', record(2));
    store.syncNow();
    expect(store.summaries('m1').map((s) => [s.jobId, s.entry.gone, s.hasDetail])).toEqual([
      [1, true, true],
      [2, false, false],
    ]);
    expect(store.detail('m1', 1)).toEqual(detail('first'));
    store.dispose();

    const again = await open(dir);
    expect(again.summary('m1', 1)?.entry.gone).toBe(true);
    expect(again.detail('m1', 1)).toEqual(detail('first'));
  });

  it('keeps a job whose stored detail no longer fits, and reads no detail for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-hist-'));
    const store = await open(dir);
    store.put('m1', record(1, { detail: detail('kept') }));
    store.put('m1', record(2, { detail: detail('damaged') }));
    store.dispose();
    const path = join(dir, 'm1.jsonl');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"description":"damaged"', '"description":42'));
    const again = await open(dir);
    expect(again.summaries('m1').map((s) => [s.jobId, s.entry.description, s.hasDetail])).toEqual([
      [1, 'job 1', true],
      [2, 'job 2', true],
    ]);
    expect(again.detail('m1', 1)).toEqual(detail('kept'));
    expect(again.detail('m1', 2)).toBeNull();
  });

  it('cuts off a last line cut short by a crash before appending, so the next record is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-hist-'));
    const store = await open(dir);
    store.put('m1', record(1));
    store.dispose();
    appendFileSync(join(dir, 'm1.jsonl'), '{"jobId":2,"entry":{"sta');
    const again = await open(dir);
    expect(again.summaries('m1').map((s) => s.jobId)).toEqual([1]);
    expect(again.notices).toEqual(['The last entry of a job history file was cut short (the app stopped mid-write); it was removed.']);
    again.put('m1', record(3));
    again.dispose();
    const third = await open(dir);
    expect(third.summaries('m1').map((s) => s.jobId)).toEqual([1, 3]);
    expect(third.notices).toEqual([]);
  });

  it('has a record in the file as soon as put returns, before any sync', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-hist-'));
    const store = new HistoryStore({ dir, limits: { retentionDays: 30, maxMB: 100 }, now: () => NOW, syncDelayMs: 60_000 });
    await store.load();
    store.put('m1', record(7));
    // Another process reads the file while this store still runs (as after a kill -9).
    const other = await open(dir);
    expect(other.summary('m1', 7)?.entry.description).toBe('job 7');
    store.dispose();
  });

  it('sets aside a file without a known header instead of overwriting it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-hist-'));
    writeFileSync(join(dir, 'm1.jsonl'), '{"version":7}\n');
    const store = await open(dir);
    expect(store.summaries()).toEqual([]);
    expect(readdirSync(dir).some((f) => f.startsWith('m1.jsonl.corrupt-'))).toBe(true);
    expect(store.notices[0]).toMatch(/could not be read; it was set aside/);
  });

  it('compacts to one line per job, atomically, once the file doubles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-hist-'));
    const store = await open(dir);
    for (let round = 0; round < 30; round++) for (let id = 1; id <= 30; id++) store.put('m1', record(id, { seenAt: `round ${round}` }));
    store.dispose();
    const lines = readFileSync(join(dir, 'm1.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(31);
    expect(JSON.parse(lines[1]!).seenAt).toBe('round 29');
    expect(readdirSync(dir)).toEqual(['m1.jsonl']);
  });

  it('drops jobs past the retention and the oldest past the size limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-hist-'));
    const store = await open(dir, { retentionDays: 1, maxMB: 100 });
    store.put('m1', record(1, {}, '2026-11-20T00:00:00Z'));
    store.put('m1', record(2));
    store.enforceLimits();
    expect(store.summaries().map((s) => s.jobId)).toEqual([2]);
    for (let id = 10; id < 400; id++) store.put('m1', record(id, { detail: detail('x'.repeat(3000)) }, new Date(NOW - (400 - id) * 1000).toISOString()));
    store.setLimits({ retentionDays: 30, maxMB: 0.5 });
    expect(await store.bytes()).toBeLessThanOrEqual(0.5 * 1024 * 1024);
    const kept = store.summaries().map((s) => s.jobId);
    expect(Math.min(...kept)).toBeGreaterThan(100);
    expect(kept).toContain(399);
  });
});
