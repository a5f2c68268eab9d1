import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

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
