import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

type Compile = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;
const proto = Module.prototype as unknown as { _compile: Compile };

/**
 * V8's code cache for the back end's own chunks (`chunksDir`), kept in `cacheDir`: Node 20 compiles a
 * CommonJS file from its source at every start, and the 1 MB back end took 83 ms to load that way
 * against 48 with its cache (median of 6, 2026-12-03), with the functions the start runs compiled
 * besides. V8 checks a cache against its own version and flags and the source's length only, so each
 * cache is named for a hash of its chunk's source: a chunk changed in place gets a cache of its own.
 * Returns `save`: it writes the cache of each chunk compiled without a usable one, and removes the
 * caches of older builds; a failure to write one only costs the next start its speed.
 */
export function useCodeCache(chunksDir: string, cacheDir: string): () => void {
  const fresh: { file: string; data: Buffer }[] = [];
  const chunks = new Set<string>();
  const plain = proto._compile;
  proto._compile = function (content, filename, ...rest) {
    if (dirname(filename) !== chunksDir) return plain.call(this, content, filename, ...rest);
    const hash = createHash('sha256').update(content).digest('base64url').slice(0, 16);
    const file = join(cacheDir, `${basename(filename)}.${hash}.v8`);
    chunks.add(basename(file));
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      // This build's first start here.
    }
    const script = new Script(Module.wrap(content), { filename, cachedData });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    const require = (id: string) => this.require(id);
    const exports = wrapper.call(this.exports, this.exports, require, this, filename, chunksDir);
    // Taken now, with what loading the chunk compiled: V8 refuses a cache made under other flags,
    // and the back end sets heap flags once it starts (heap-growth.ts).
    if (!cachedData || script.cachedDataRejected) fresh.push({ file, data: script.createCachedData() });
    return exports;
  };
  return () => {
    if (fresh.length === 0) return;
    try {
      mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
      // Older builds' caches, and a write that a crash cut short.
      for (const name of readdirSync(cacheDir)) if (!chunks.has(name)) rmSync(join(cacheDir, name), { force: true });
    } catch {
      return;
    }
    for (const { file, data } of fresh.splice(0)) {
      // V8 would only refuse a torn file, but a rename of this process's own copy keeps it from being read.
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, data, { mode: 0o600 });
        renameSync(tmp, file);
      } catch {
        // Another back end on this data folder cleared it, or the folder is read-only: only speed is lost.
      }
    }
  };
}
