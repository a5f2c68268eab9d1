import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

let chunks: string;
let cache: string;

/** A chunk as the bundle writes them: CommonJS, requiring a sibling and a built-in module. */
function writeChunks(answer: number) {
  // The number is top-level code, which V8 keeps in the cache (a function's body compiles when it first runs).
  writeFileSync(join(chunks, 'app-1.js'), `const { sum } = require("./math-1.js");\nlet node_path = require("node:path");\nconst base = ${answer};\nexports.answer = () => [sum(base, 2), node_path.basename(__dirname), __filename.endsWith("app-1.js")];\n`);
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
  // Real, as Node names a loaded file (macOS's temp folder is a link).
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'desk-code-cache-')));
  chunks = join(root, 'chunks');
  cache = join(root, 'code-cache');
  mkdirSync(chunks);
  writeChunks(40);
});

/** The cache files by chunk: each is named for its chunk and a hash of the chunk's source. */
const byChunk = () => Object.fromEntries(Object.entries(written()).map(([name, mtime]) => [name.replace(/\.[\w-]{16}\.v8$/, ''), { name, mtime }]));

describe('the back end code cache', () => {
  it('loads chunks as Node does, and keeps a cache of each for the next start', () => {
    expect(start()).toEqual([42, 'chunks', true]);
    expect(Object.keys(byChunk()).sort()).toEqual(['app-1.js', 'math-1.js']);
  });

  it('leaves a cache V8 accepted as it is', () => {
    start();
    const first = written();
    expect(start()).toEqual([42, 'chunks', true]);
    expect(written()).toEqual(first);
  });

  it('never runs the cache of a chunk changed in place, even at the same length', () => {
    start();
    const first = byChunk();
    // 40 → 41: V8 alone would take the old cache (it checks a source's length, not its text).
    writeChunks(41);
    expect(start()).toEqual([43, 'chunks', true]);
    const after = byChunk();
    expect(after['app-1.js']!.name).not.toBe(first['app-1.js']!.name);
    expect(after['math-1.js']).toEqual(first['math-1.js']);
    expect(Object.keys(written())).toHaveLength(2);
  });

  it("drops the caches of chunks this start did not load (an older build's), and a write cut short", () => {
    start();
    writeFileSync(join(cache, 'app-0.js.0123456789abcdef.v8'), 'old');
    writeFileSync(join(cache, 'app-1.js.v8.999.tmp'), 'torn');
    writeChunks(1);
    start();
    expect(Object.keys(byChunk()).sort()).toEqual(['app-1.js', 'math-1.js']);
    expect(Object.keys(written())).toHaveLength(2);
  });
});
