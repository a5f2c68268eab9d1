import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobRow } from '@shared/models';

const call = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: { requested: 1 } }));
vi.mock('@renderer/transport/api', () => ({ call, onEvents: () => () => undefined, ahead: (f: () => void) => f() }));
const { TARGETS_AFTER_MS, TARGETS_WITHIN_MS, usePreheats, watchPreheats } = await import('./preheats-store');

const row = (id: number, clusters: JobRow['clusters'] = null): JobRow => ({
  key: `m:${id}`,
  managerId: 'm',
  managerName: 'eu',
  id,
  status: 'pending',
  state: 'PENDING',
  stuck: false,
  kind: 'file',
  urls: ['https://f/x.bin'],
  description: '',
  createdAt: '2026-12-03T10:00:00Z',
  updatedAt: '2026-12-03T10:00:00Z',
  durationMs: null,
  clusters,
  failedPeers: 0,
  gone: false,
});
const rows = (...r: JobRow[]) => new Map(r.map((x, i) => [i, x]));
const asked = () => call.mock.calls.filter(([name]) => name === 'jobs.resolveTargets').map(([, input]) => input);

let stop: () => void;
beforeEach(() => {
  vi.useFakeTimers();
  call.mockClear();
  usePreheats.setState({ rows: new Map(), range: [0, 2] });
  stop = watchPreheats();
});
afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('the targets of the rows on screen', () => {
  it('are asked for within a second while answers keep coming, as during a first look', async () => {
    for (let i = 0; i < 10; i++) {
      usePreheats.setState({ rows: rows(row(10 + i), row(1, [{ id: 1, name: 'a' }])) });
      await vi.advanceTimersByTimeAsync(200);
    }
    // At 1 s and at 2 s, each for the row on screen then, never the one whose targets are known.
    expect(asked()).toEqual([{ refs: [{ managerId: 'm', jobId: 14 }] }, { refs: [{ managerId: 'm', jobId: 19 }] }]);
  });

  it('are asked for while the list reports the same range at each new count', async () => {
    for (let i = 0; i < 5; i++) {
      usePreheats.setState({ total: 1000 * (i + 1) });
      usePreheats.getState().setRange(0, 2);
      await vi.advanceTimersByTimeAsync(100);
    }
    usePreheats.setState({ rows: rows(row(1), row(2)) });
    await vi.advanceTimersByTimeAsync(TARGETS_AFTER_MS);
    expect(asked()).toHaveLength(1);
  });

  it('wait until scrolling settles, or a second', async () => {
    usePreheats.setState({ rows: rows(row(1), row(2), row(3), row(4)) });
    for (let i = 1; i <= 4; i++) {
      usePreheats.setState({ range: [i % 3, (i % 3) + 2] });
      await vi.advanceTimersByTimeAsync(TARGETS_AFTER_MS - 100);
    }
    expect(asked()).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(asked()).toEqual([{ refs: [{ managerId: 'm', jobId: 2 }, { managerId: 'm', jobId: 3 }] }]);
    // A scroll that goes on: once a second.
    for (let i = 0; i < 10; i++) {
      usePreheats.setState({ range: [i % 2, (i % 2) + 2] });
      await vi.advanceTimersByTimeAsync(TARGETS_WITHIN_MS / 5);
    }
    expect(asked()).toHaveLength(3);
  });
});
