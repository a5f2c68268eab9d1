import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobEntry } from './job-entry';
import { JobListCache, cachedRow } from './job-list-cache';

const entry = (id: number, over: Partial<JobEntry> = {}): JobEntry => ({
  managerId: 'm1',
  id,
  state: 'SUCCESS',
  status: 'succeeded',
  kind: 'image',
  urls: ['https://registry.example/v2/app/manifests/1.0'],
  description: 'nightly',
  createdMs: Date.parse('2026-12-01T10:00:00Z'),
  updatedMs: Date.parse('2026-12-01T10:05:00Z'),
  clusterIds: [1, 2],
  failedPeers: 0,
  gone: false,
  ...over,
});

describe('JobListCache', () => {
  it('gives back what it wrote, for the same epoch only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-jlc-'));
    const cache = new JobListCache(dir);
    const written = [entry(7), entry(8, { status: 'failed', state: 'FAILURE', failedPeers: 3, clusterIds: null, gone: true })];
    await cache.save('m1', 2, written.map(cachedRow));
    expect(await cache.load('m1', 2)).toEqual(written);
    expect(await cache.load('m1', 3)).toEqual([]);
    expect(await cache.load('m2', 2)).toEqual([]);
    await cache.forget('m1');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('drops rows that do not fit, and reads an unreadable file as empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-jlc-'));
    const cache = new JobListCache(dir);
    const good = cachedRow(entry(9));
    writeFileSync(join(dir, 'm1.json'), JSON.stringify({ version: 1, epoch: 1, jobs: [good, [...good.slice(0, 2), 'pending', ...good.slice(3)], [10, 'SUCCESS'], null] }));
    expect((await cache.load('m1', 1)).map((e) => e.id)).toEqual([9]);
    writeFileSync(join(dir, 'm1.json'), '{"version":1,"epoch":1,"jobs":[');
    expect(await cache.load('m1', 1)).toEqual([]);
  });
});
