import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far V8 lets the heap grow past what survived the last full collection, in percent. Left to
 * itself it grows the heap by up to 4× under the allocation of a bulk load (pages of jobs parsed and
 * dropped), and a heap once grown is seldom given back while the app runs: 100,000 jobs needing
 * 140 MiB of heap held 594 MiB resident, and 295 MiB at 15 % (one load of bench:list's fleet,
 * 2026-11-30), for more frequent full collections during bulk loads.
 */
export const HEAP_GROWING_PERCENT = 15;

/**
 * How long start-up runs with V8's own growth: reading the history and every manager's newest jobs
 * while the heap grows from nothing, the 15 % cap collected the whole heap again and again (a cold
 * start with 10 managers spent ~0.6 of its ~2.6 s of back-end CPU in the collector, 2026-12-01).
 */
export const STARTUP_MS = 10_000;

/**
 * `createBackend` calls this first. Both flags are read at each collection, so setting them while
 * running works. The young generation stays at the size it started with: under a bulk load V8
 * doubles it to 32 MiB, all of it resident from then on, for scavenges that are a little rarer
 * (bench:list's fleet, 2026-12-01: 245 → 193 MiB resident with both). Not earlier on purpose: set
 * before the app's modules load (which grow it from 1 to 16 MiB) the young generation stays at 1 MiB,
 * 139–145 instead of 163–165 MiB resident with 100,000 jobs, but a keystroke run then took 476–508
 * scavenges (1.4–1.7 s) where it takes 56–61 (0.3 s), and the search's p95 rose by about a third.
 * The growth cap follows `STARTUP_MS` later, with one full collection: the cap counts from the next
 * one, and a heap grown during start-up is not collected while the app is calm. V8's own idle
 * collections wait for a low allocation rate, which a watcher busy with pending jobs does not give: with
 * 100,000 failure lines read in during start-up, the back end held 258 MiB resident 15 s after its last
 * call, and 156 MiB after one full collection (bench:failures, 2026-12-03).
 */
export function keepHeapNearLive(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setTimeout(() => {
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    collectGarbage();
  }, STARTUP_MS).unref();
}

/** A full collection now: `gc` is exposed to a context of its own, not to the app's. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
