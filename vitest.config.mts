import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/renderer/**'],
          environment: 'node',
          // A hang guard, not a time limit: on a loaded 2-core machine a render-heavy test takes seconds.
          testTimeout: 30_000,
        },
      },
      {
        // The renderer's path aliases, as in tsconfig.web.json and electron.vite.config.ts.
        resolve: { alias: { '@renderer': here('src/renderer/src'), '@shared': here('src/shared') } },
        test: {
          name: 'component',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/setup-dom.ts'],
          testTimeout: 30_000,
        },
      },
      ...(['sim', 'real'] as const).map((target) => ({
        test: {
          // The same contract cases against the simulator and against a real Dragonfly manager.
          name: `contract-${target}`,
          include: ['test/contract/**/*.test.ts'],
          environment: 'node',
          env: { CONTRACT_TARGET: target },
          testTimeout: 60_000,
          hookTimeout: 200_000,
        },
      })),
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
