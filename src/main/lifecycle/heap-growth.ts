import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what survived the last full collection, in percent. Left to
 * itself it grows the heap by up to 4× under the allocation of a bulk load (pages of jobs parsed and
 * dropped), and a heap once grown is seldom given back while the app runs: 100,000 jobs needing
 * 140 MiB of heap held 594 MiB resident, and 295 MiB at 15 % (one load of bench:list's fleet,
 * 2026-11-30), for more frequent full collections during bulk loads.
 */
export const HEAP_GROWING_PERCENT = 15;

/**
 * The entries call this before anything else loads (startWithHeapNearLive). Both flags are
 * read at each collection, so setting them while running works. The young generation stays at the
 * size it started with, 1 MiB: left to grow, it reaches 16 MiB while the app's modules load and
 * 32 MiB under a bulk load, all of it resident from then on, for scavenges that are a little rarer
 * (bench:list's fleet, 2026-12-01: 245 → 193 MiB resident with both flags set in `createBackend`,
 * 155 → 135 MiB set before the modules load).
 */
export function keepHeapNearLive(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * An entry's whole body: the heap flags first, then the app. Evaluating the app's modules alone grows
 * the young generation from 1 to 16 MiB, so they load (through `load`, a dynamic import that the
 * build makes a chunk of its own) only once the flags are set. The chunk runs in a microtask, still
 * within the entry script's run: Electron's `ready`, which the shell's first calls must precede
 * (enableSandbox, registerSchemesAsPrivileged), comes later.
 */
export function startWithHeapNearLive(load: () => Promise<unknown>): void {
  keepHeapNearLive();
  load().catch((err: unknown) => {
    process.stderr.write(`Dragonfly Desk could not start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
