import { defineConfig } from 'vitest/config';

/** Only for test/runner/count-results.test.ts: a suite that must be counted as failed. */
export default defineConfig({ test: { root: import.meta.dirname, include: ['*.fixture.ts'] } });
