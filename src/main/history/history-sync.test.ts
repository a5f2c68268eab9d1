import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryStore, type HistoryRecord } from './history-store';

// The store's fsyncs, recorded: the background ones are held until the test lets them go, and letting one
// go resolves once the store has heard that it finished.
const fs = vi.hoisted(() => ({ held: [] as (() => Promise<void>)[], background: [] as number[], sync: [] as number[] }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    fsync: (fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
      fs.background.push(fd);
      fs.held.push(
        () =>
          new Promise<void>((resolve) =>
            real.fsync(fd, (err) => {
              cb(err);
              resolve();
            }),
          ),
      );
    },
    fsyncSync: (fd: number) => {
      fs.sync.push(fd);
      real.fsyncSync(fd);
    },
  };
});

const record = (jobId: number): HistoryRecord => {
  const at = '2026-11-26T11:00:00Z';
  return {
    jobId,
    entry: { state: 'FAILURE', status: 'failed', kind: 'file', urls: ['https://f/x'], description: `job ${jobId}`, createdAt: at, updatedAt: at, clusterIds: [1], failedPeers: 0, gone: false },
    transitions: [{ at, from: null, to: 'pending' }],
    detail: null,
    notified: false,
    seenAt: at,
  };
};

const tick = () => new Promise((r) => setTimeout(r, 5));

async function open() {
  const store = new HistoryStore({ dir: mkdtempSync(join(tmpdir(), 'desk-hist-sync-')), limits: { retentionDays: 30, maxMB: 100 }, now: () => Date.parse('2026-11-26T12:00:00Z'), syncDelayMs: 0 });
  await store.load();
  return store;
}

afterEach(() => {
  for (const done of fs.held.splice(0)) void done();
  fs.background.length = 0;
  fs.sync.length = 0;
});

describe('HistoryStore fsyncs', () => {
  it('syncs written lines off the event loop, and a line written meanwhile gets a sync of its own', async () => {
    const store = await open();
    store.put('m1', record(1));
    // Only the new file's header was synced on the spot (written atomically).
    const created = fs.sync.length;
    await tick();
    expect(fs.background).toHaveLength(1);
    // The first sync has not finished: a new line still needs one.
    store.put('m1', record(2));
    await tick();
    expect(fs.background).toEqual([fs.background[0], fs.background[0]]);
    expect(fs.sync).toHaveLength(created);
    for (const done of fs.held.splice(0)) void done();
    store.dispose();
  });

  it('closing waits for no background sync: a file whose sync is still out is synced before it is closed', async () => {
    const store = await open();
    store.put('m1', record(1));
    const created = fs.sync.length;
    await tick();
    expect(fs.background).toHaveLength(1);
    store.dispose();
    expect(fs.sync.slice(created)).toEqual([fs.background[0]]);
  });

  it('a file neither written nor syncing is not synced again at close', async () => {
    const store = await open();
    store.put('m1', record(1));
    const created = fs.sync.length;
    await tick();
    // Waiting a fixed time for the real fsync failed under load: it can take longer than any guess.
    await fs.held.shift()!();
    store.dispose();
    expect(fs.sync.slice(created)).toEqual([]);
  });
});
