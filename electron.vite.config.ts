import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * The back end's code with every non-ASCII character escaped. V8 keeps a script's source for compiling
 * functions lazily, and one character beyond Latin-1 made the 1.5 MB back end two bytes per character
 * (3 MiB of heap, heap snapshot 2026-12-02). Not minified: stack traces in the log stay readable.
 */
const asciiOnly = {
  name: 'ascii-only',
  generateBundle(_: unknown, bundle: Record<string, { type: string; code?: string }>) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk' && chunk.code) chunk.code = chunk.code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
  },
};

// Two main-process entries share one bundle: `index` is the Electron shell, `web` serves the same
// back end on the loopback web transport under plain Node (no `electron` import reaches it).
export default defineConfig({
  main: {
    build: {
      // The pure-JS dependencies are bundled: Node resolving and compiling their hundreds of files
      // was a third of the back end's start (out/main/web.js to listening, empty data dir: median
      // 452 → 317 ms, 8 runs each, 2026-12-01). The native keychain module stays outside.
      externalizeDeps: { exclude: ['undici', 'zod', 'yaml', 'ws'] },
      rollupOptions: {
        plugins: [asciiOnly],
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          web: resolve(__dirname, 'src/main/web-cli.ts'),
        },
      },
    },
  },
  preload: {
    // The preload runs sandboxed (only `events`, `timers`, `url`), so everything it imports is bundled.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: { '@renderer': resolve(__dirname, 'src/renderer/src'), '@shared': resolve(__dirname, 'src/shared') },
    },
    plugins: [react()],
    build: {
      // Minified; no source maps, since everything in out/ ships in the package.
      minify: true,
      sourcemap: false,
      // bench:bundle asks for the chunk graph to follow what the overview loads.
      manifest: process.env.DESK_BUILD_MANIFEST === '1',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
