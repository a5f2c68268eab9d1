import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright's own browsers cannot be downloaded here. */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: !!process.env.CI,
  // `npm test` asks for a JSON report too, to count every test in its summary line.
  reporter: process.env.DESK_PW_JSON ? [['list'], ['json', { outputFile: process.env.DESK_PW_JSON }]] : [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'web', testMatch: /web\/.*\.spec\.ts/ },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
    // Against the real Dragonfly manager of scripts/real-stack (npm test starts it).
    { name: 'real', testMatch: /real\/.*\.spec\.ts/ },
  ],
});
