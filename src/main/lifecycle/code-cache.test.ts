import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

let chunks: string;
let cache: string;

/** A chunk as the bundle writes them: CommonJS, requiring a sibling and a built-in module. */
function writeChunks(answer: number) {
  writeFileSync(join(chunks, 'app-1.js'), `const { sum } = require("./math-1.js");\nlet node_path = require("node:path");\nexports.answer = () => [sum(${answer}, 2), node_path.basename(__dirname), __filename.endsWith("app-1.js")];\n`);
  writeFileSync(join(chunks, 'math-1.js'), 'exports.sum = (a, b) => a + b;\n');
}

/** A start of a back end: the hook, the chunk loaded through it, the cache saved. What the chunk answered. */
function start(): unknown {
  const script = `const { useCodeCache } = require(${JSON.stringify(join(import.meta.dirname, 'code-cache.ts'))});
    const save = useCodeCache(${JSON.stringify(chunks)}, ${JSON.stringify(cache)});
    console.log(JSON.stringify(require(${JSON.stringify(join(chunks, 'app-1.js'))}).answer()));
    save();`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

const written = () => Object.fromEntries(readdirSync(cache).map((f) => [f, statSync(join(cache, f)).mtimeMs]));

beforeEach(() => {
  const root = mkdtempSync(join(tmpdir(), 'desk-code-cache-'));
  chunks = join(root, 'chunks');
  cache = join(root, 'code-cache');
  mkdirSync(chunks);
  writeChunks(40);
});

describe('the back end code cache', () => {
  it('loads chunks as Node does, and keeps a cache of each for the next start', () => {
    expect(start()).toEqual([42, 'chunks', true]);
    expect(Object.keys(written()).sort()).toEqual(['app-1.js.v8', 'math-1.js.v8']);
  });

  it('leaves a cache V8 accepted as it is, and replaces one it refused', () => {
    start();
    const first = written();
    expect(start()).toEqual([42, 'chunks', true]);
    expect(written()).toEqual(first);

    // A chunk changed under the same name: V8 refuses its cache, so it is made again.
    writeChunks(1);
    expect(start()).toEqual([3, 'chunks', true]);
    const after = written();
    expect(after['app-1.js.v8']).toBeGreaterThan(first['app-1.js.v8']!);
    expect(after['math-1.js.v8']).toBe(first['math-1.js.v8']);
  });

  it("drops the caches of chunks this start did not load (an older build's), and a write cut short", () => {
    start();
    writeFileSync(join(cache, 'app-0.js.v8'), 'old');
    writeFileSync(join(cache, 'app-1.js.v8.999.tmp'), 'torn');
    writeChunks(1);
    start();
    expect(Object.keys(written()).sort()).toEqual(['app-1.js.v8', 'math-1.js.v8']);
  });
});
