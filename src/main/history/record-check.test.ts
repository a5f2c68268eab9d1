import { describe, expect, it } from 'vitest';
import { Loaded } from './history-store';
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

/** Values a field may be swapped for: every JSON type, the enums' members and a few that are not. */
const CANDIDATES: unknown[] = [undefined, null, 0, -1, 2.5, Infinity, '', 'x', true, false, [], {}, ['a'], [1], [null], 'pending', 'failed', 'stuck', 'gone', 'unreadable', 'file', 'unknown', { id: 1 }];

/** Every path into a value, with its parent and key, so a test can swap what sits there. */
function* paths(value: unknown, at: (string | number)[] = []): Generator<(string | number)[]> {
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    const path = [...at, Array.isArray(value) ? Number(key) : key];
    yield path;
    yield* paths((value as Record<string, unknown>)[key], path);
  }
}

function swapped(path: (string | number)[], to: unknown): unknown {
  const copy = structuredClone(valid) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  // JSON has no holes in arrays: an item taken out shortens its array.
  if (to === undefined && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (to === undefined) delete parent[last];
  else parent[last] = to;
  return copy;
}

describe('loadedRecord (the history loader\'s hand check)', () => {
  it('takes a valid record, unknown keys and all', () => {
    expect(loadedRecord(valid)).toBe(valid);
    expect(loadedRecord({ ...valid, extra: 1, entry: { ...valid.entry, extra: 2 } })).not.toBeNull();
  });

  it('gives the same answer as the zod schema for every field swapped for every kind of value', () => {
    let refused = 0;
    let compared = 0;
    for (const path of paths(valid)) {
      for (const to of CANDIDATES) {
        const record = swapped(path, to);
        const expected = Loaded.safeParse(record).success;
        expect({ path: path.join('.'), to, accepted: loadedRecord(record) !== null }).toEqual({ path: path.join('.'), to, accepted: expected });
        compared++;
        if (!expected) refused++;
      }
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
