import { describe, expect, it } from 'vitest';
import { Loaded } from './history-store';
import { sweep } from '../../../test/helpers/json-sweep';
import { loadedRecord } from './record-check';

const valid = {
  jobId: 7,
  entry: {
    state: 'FAILURE',
    status: 'partial',
    kind: 'image',
    urls: ['https://r/v2/a/manifests/1'],
    description: 'nightly',
    createdAt: '2026-12-02T10:00:00Z',
    updatedAt: '2026-12-02T10:05:00Z',
    clusterIds: [1, 2],
    failedPeers: 3,
    gone: false,
  },
  transitions: [
    { at: '2026-12-02T10:00:00Z', from: null, to: 'pending' },
    { at: '2026-12-02T10:05:00Z', from: 'pending', to: 'partial', seenAtStart: true },
  ],
  detail: { any: 'thing' },
  notified: true,
  seenAt: '2026-12-02T10:00:00Z',
};

describe('loadedRecord (the history loader\'s hand check)', () => {
  it('takes a valid record, unknown keys and all', () => {
    expect(loadedRecord(valid)).toBe(valid);
    expect(loadedRecord({ ...valid, extra: 1, entry: { ...valid.entry, extra: 2 } })).not.toBeNull();
  });

  it('gives the same answer as the zod schema for every field swapped for every kind of value', () => {
    let refused = 0;
    let compared = 0;
    for (const { path, to, swapped: record } of sweep(valid)) {
      const expected = Loaded.safeParse(record).success;
      expect({ path, to, accepted: loadedRecord(record) !== null }).toEqual({ path, to, accepted: expected });
      compared++;
      if (!expected) refused++;
    }
    // The sweep reaches every field, and most swaps make a record the loader must refuse.
    expect(compared).toBeGreaterThan(600);
    expect(refused).toBeGreaterThan(compared / 2);
  });

  it('refuses what is not a record at all', () => {
    for (const v of [null, undefined, 1, 'x', [], [valid], true]) {
      expect(loadedRecord(v)).toBeNull();
      expect(Loaded.safeParse(v).success).toBe(false);
    }
  });
});
