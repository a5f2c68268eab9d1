import { setImmediate } from 'node:timers/promises';

/** How long a loop may hold the event loop before it lets the UI's calls in. */
export const SLICE_MS = 8;

/**
 * For a loop that records many jobs at once: `await giveWay()` after each item returns at once until
 * the loop has run `SLICE_MS`, then waits one event-loop turn. A watcher's first look at a manager
 * records every pending job, and its backfill every failed one, each with its history line: 50–320 ms
 * without a break (bench:list, 2026-12-01), during which no call from the UI was answered.
 */
export function slicer(now: () => number = performance.now.bind(performance)): () => Promise<void> {
  let since = now();
  return async () => {
    if (now() - since < SLICE_MS) return;
    await setImmediate();
    since = now();
  };
}
