/**
 * Preloaded into the back end by bench:idle (NODE_OPTIONS=--expose-gc --require …), so the app itself
 * needs no memory RPC: on SIGUSR2, a full GC (what is left is live memory, not garbage waiting), then
 * one line of process.memoryUsage() appended to the file named by DESK_HEAP_LOG.
 */
const { appendFileSync } = require('node:fs');
const process = require('node:process');

process.on('SIGUSR2', () => {
  globalThis.gc();
  appendFileSync(process.env.DESK_HEAP_LOG, `${JSON.stringify(process.memoryUsage())}\n`);
});
