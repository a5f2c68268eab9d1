import { describe, expect, it } from 'vitest';
import { JobFilter } from '../../shared/models';
import { JobIndex } from './job-index';
import type { JobEntry, NameLookup } from './job-entry';

const names: NameLookup = { manager: (id) => id.toUpperCase(), cluster: () => null };

function entry(managerId: string, id: number, createdMs: number, extra: Partial<JobEntry> = {}): JobEntry {
  return {
    managerId,
    id,
    state: 'SUCCESS',
    status: 'succeeded',
    kind: 'image',
    urls: [`https://reg/v2/app${id}/manifests/1`],
    description: '',
    createdMs,
    updatedMs: createdMs,
    clusterIds: null,
    failedPeers: 0,
    gone: false,
    ...extra,
  };
}

const all = JobFilter.parse({});

describe('JobIndex', () => {
  it('merges managers newest first', () => {
    const idx = new JobIndex();
    idx.upsert(entry('a', 1, 100));
    idx.upsert(entry('b', 1, 300));
    idx.upsert(entry('a', 2, 200));
    expect(idx.query(all, 0, 10, names, 0).rows.map((r) => r.key)).toEqual(['b:1', 'a:2', 'a:1']);
  });

  it('keeps every order right as jobs are added, updated and removed between queries', () => {
    const idx = new JobIndex();
    const ids = (f: object) => idx.query(JobFilter.parse(f), 0, 100, names, 0).rows.map((r) => r.key);
    const expected = (order: 'asc' | 'desc') => {
      const keys: { key: string; createdMs: number }[] = [];
      for (const m of ['a', 'b']) idx.forEachOf(m, (e) => void keys.push({ key: `${e.managerId}:${e.id}`, createdMs: e.createdMs }));
      return keys.sort((x, y) => (order === 'desc' ? y.createdMs - x.createdMs : x.createdMs - y.createdMs)).map((e) => e.key);
    };
    // Created times interleave across managers and batches, so an added job lands inside the order.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 5; i++) idx.upsert(entry(i % 2 ? 'a' : 'b', round * 10 + i, ((round * 7 + i * 13) % 40) * 1000 + round));
      expect(ids({})).toEqual(expected('desc'));
      expect(ids({ order: 'asc' })).toEqual(expected('asc'));
    }
    // An update in place moves a job in the status order, not in the created one.
    idx.upsert(entry('a', 11, ((7 + 13) % 40) * 1000 + 1, { status: 'failed' }));
    expect(ids({ sort: 'status' })[0]).toBe('a:11');
    expect(ids({})).toEqual(expected('desc'));
    idx.remove('b', 12);
    expect(ids({})).toEqual(expected('desc'));
    expect(ids({})).not.toContain('b:12');
    expect(idx.size).toBe(19);
  });

  it('pages with offset and limit and reports the filtered total', () => {
    const idx = new JobIndex();
    for (let i = 1; i <= 50; i++) idx.upsert(entry('a', i, i));
    const page = idx.query(all, 10, 5, names, 0);
    expect(page.total).toBe(50);
    expect(page.rows.map((r) => r.id)).toEqual([40, 39, 38, 37, 36]);
  });

  it('filters by status, manager, kind and known clusters', () => {
    const idx = new JobIndex();
    idx.upsert(entry('a', 1, 1, { status: 'failed', clusterIds: [1] }));
    idx.upsert(entry('a', 2, 2, { kind: 'file', clusterIds: [2] }));
    idx.upsert(entry('b', 3, 3, { status: 'partial' }));
    const q = (f: object) => idx.query(JobFilter.parse(f), 0, 10, names, 0).rows.map((r) => r.key);
    expect(q({ statuses: ['failed', 'partial'] })).toEqual(['b:3', 'a:1']);
    expect(q({ managerIds: ['b'] })).toEqual(['b:3']);
    expect(q({ kinds: ['file'] })).toEqual(['a:2']);
    // Unknown targets never match a cluster filter.
    expect(q({ clusters: ['a:1', 'b:1'] })).toEqual(['a:1']);
  });

  it('searches id, URL and description, case-insensitively', () => {
    const idx = new JobIndex();
    idx.upsert(entry('a', 7, 1, { urls: ['https://reg/v2/nginx/manifests/1'], description: 'Nightly warm' }));
    idx.upsert(entry('a', 77, 2));
    idx.upsert(entry('a', 8, 0, { urls: ['https://reg/v2/Torch/manifests/1', 'https://reg/v2/b/manifests/2'], description: 'gpu' }));
    const q = (search: string) => idx.query(JobFilter.parse({ search }), 0, 10, names, 0).rows.map((r) => r.id);
    expect(q('NIGHTLY')).toEqual([7]);
    expect(q('nginx')).toEqual([7]);
    expect(q('torch')).toEqual([8]);
    expect(q('7')).toEqual([77, 7]);
    // Across the id, the URLs and the description, as one text.
    expect(q('#7 https')).toEqual([7]);
    expect(q('manifests/1 https')).toEqual([8]);
    expect(q('1 nightly')).toEqual([7]);
    expect(q('app77/manifests/1')).toEqual([77]);
    expect(q('pp77/')).toEqual([77]);
    expect(q('#77')).toEqual([77]);
    // "#7" is job 7 alone, not every id that starts with 7; typing on from it widens again.
    expect(q('#7')).toEqual([7]);
    expect(q('#77')).toEqual([77]);
  });

  it('searches what changed: a new description, a removed job, a slot used again, a whole manager gone', () => {
    const idx = new JobIndex();
    for (let i = 1; i <= 3000; i++) idx.upsert(entry(i % 2 ? 'a' : 'b', i, i));
    const q = (search: string, extra: Record<string, unknown> = {}) => idx.query(JobFilter.parse({ search, ...extra }), 0, 5000, names, 0);
    expect(q('app2999/').total).toBe(1);
    idx.upsert(entry('a', 2999, 2999, { description: 'Canary wave', updatedMs: 5000 }));
    expect(q('canary').rows.map((r) => r.id)).toEqual([2999]);
    expect(idx.remove('a', 2999)).toBe(true);
    expect(q('canary').total).toBe(0);
    // The freed slot goes to the next job; the old text is not found under it.
    idx.upsert(entry('b', 5000, 5000, { description: 'fresh' }));
    expect(q('fresh').rows.map((r) => r.id)).toEqual([5000]);
    expect(q('canary').total).toBe(0);
    // Hits come in the order asked for, and other filters still apply.
    expect(q('manifests', { order: 'asc' }).rows.slice(0, 3).map((r) => r.id)).toEqual([1, 2, 3]);
    expect(q('app1', { managerIds: ['b'] }).rows.every((r) => r.managerId === 'b')).toBe(true);
    idx.removeManager('a');
    expect(q('app1').rows.every((r) => r.managerId === 'b')).toBe(true);
    expect(q('manifests').total).toBe(1501);
  });

  it('narrows to a created-date range: from inclusive, to exclusive; a backwards range names the field', () => {
    const idx = new JobIndex();
    const at = (h: number) => Date.UTC(2026, 10, 30, h);
    for (let h = 0; h < 6; h++) idx.upsert(entry('a', h + 1, at(h)));
    const q = (f: object) => idx.query(JobFilter.parse(f), 0, 10, names, 0).rows.map((r) => r.id);
    expect(q({ createdFrom: new Date(at(2)).toISOString(), createdTo: new Date(at(4)).toISOString() })).toEqual([4, 3]);
    expect(q({ createdFrom: new Date(at(4)).toISOString() })).toEqual([6, 5]);
    expect(q({ createdTo: new Date(at(1)).toISOString() })).toEqual([1]);
    const backwards = JobFilter.safeParse({ createdFrom: new Date(at(4)).toISOString(), createdTo: new Date(at(2)).toISOString() });
    expect(backwards.success ? [] : backwards.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['createdTo', 'Created from must be before Created to']]);
    const garbage = JobFilter.safeParse({ createdFrom: 'last tuesday' });
    expect(garbage.success ? '' : garbage.error.issues[0]!.message).toBe('Created from must be a date and time, e.g. 2026-11-30T08:00:00Z');
  });

  it('sorts by duration (running jobs last) and by status (problems first), newest first among equals, either way round', () => {
    const idx = new JobIndex();
    idx.upsert(entry('a', 1, 1000, { updatedMs: 61_000, status: 'succeeded' }));
    idx.upsert(entry('a', 2, 2000, { updatedMs: 5000, status: 'failed' }));
    idx.upsert(entry('a', 3, 3000, { updatedMs: 3000, status: 'pending' }));
    idx.upsert(entry('a', 4, 4000, { updatedMs: 34_000, status: 'partial' }));
    idx.upsert(entry('a', 5, 5000, { updatedMs: 8000, status: 'failed' }));
    const q = (f: object) => idx.query(JobFilter.parse(f), 0, 10, names, 0).rows.map((r) => r.id);
    expect(q({ sort: 'duration' })).toEqual([1, 4, 5, 2, 3]);
    expect(q({ sort: 'duration', order: 'asc' })).toEqual([5, 2, 4, 1, 3]);
    expect(q({ sort: 'status' })).toEqual([5, 2, 4, 3, 1]);
    expect(q({ sort: 'status', order: 'asc' })).toEqual([1, 3, 4, 5, 2]);
    expect(q({ sort: 'created', order: 'asc' })).toEqual([1, 2, 3, 4, 5]);
    // A filter keeps the order it is asked in.
    expect(q({ sort: 'duration', statuses: ['failed'] })).toEqual([5, 2]);
  });

  it('keeps targets already learned when a list item arrives without them', () => {
    const idx = new JobIndex();
    idx.upsert(entry('a', 1, 1, { clusterIds: [3] }));
    idx.upsert(entry('a', 1, 1, { state: 'SUCCESS', clusterIds: null }));
    expect(idx.get('a', 1)?.clusterIds).toEqual([3]);
  });

  it('does not bump the version when nothing visible changed', () => {
    const idx = new JobIndex();
    idx.upsert(entry('a', 1, 1));
    const v = idx.version;
    expect(idx.upsert(entry('a', 1, 1))).toBe(false);
    expect(idx.version).toBe(v);
    expect(idx.upsert(entry('a', 1, 1, { state: 'FAILURE', status: 'failed' }))).toBe(true);
    expect(idx.version).toBe(v + 1);
  });

  it('drops a removed manager', () => {
    const idx = new JobIndex();
    idx.upsert(entry('a', 1, 1));
    idx.upsert(entry('b', 1, 1));
    idx.removeManager('a');
    expect(idx.size).toBe(1);
    expect(idx.countOf('a')).toBe(0);
  });
});
