import { describe, expect, it } from 'vitest';
import { JobColumns } from './job-columns';
import type { JobEntry } from './job-entry';

const entry = (i: number): JobEntry => ({
  managerId: `m${i % 3}`,
  id: 1_000_000_000_000 + i,
  state: i % 2 ? 'FAILURE' : 'SUCCESS',
  status: i % 2 ? 'failed' : 'succeeded',
  kind: i % 5 === 0 ? 'unknown' : i % 2 ? 'file' : 'image',
  urls: [`https://files/${i}`],
  description: `job ${i}`,
  createdMs: 1_700_000_000_123 + i,
  updatedMs: 1_700_000_000_456 + i,
  clusterIds: i % 4 ? [i % 7, 9] : null,
  failedPeers: i % 11,
  gone: i % 6 === 0,
});

describe('JobColumns', () => {
  it('reads back every field of every slot, across growth', () => {
    const cols = new JobColumns();
    // Past the first capacity, twice: values written before a growth must survive it.
    for (let i = 0; i < 5000; i++) cols.write(i, entry(i));
    for (let i = 0; i < 5000; i++) expect(cols.read(i)).toEqual(entry(i));
  });

  it('tells a changed entry from the same one, field by field', () => {
    const cols = new JobColumns();
    cols.write(0, entry(1));
    expect(cols.same(0, entry(1))).toBe(true);
    expect(cols.same(0, { ...entry(1), clusterIds: [1, 9] })).toBe(true);
    for (const change of [{ state: 'RUNNING' }, { status: 'partial' }, { updatedMs: 1 }, { description: 'x' }, { failedPeers: 0 }, { gone: true }, { clusterIds: [2] }] as Partial<JobEntry>[]) {
      expect(cols.same(0, { ...entry(1), ...change })).toBe(false);
    }
  });

  it('marks a job gone without touching the rest', () => {
    const cols = new JobColumns();
    cols.write(0, entry(1));
    cols.markGone(0);
    expect(cols.read(0)).toEqual({ ...entry(1), gone: true });
  });
});
