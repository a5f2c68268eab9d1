import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCiSkipRule, notRun, readPlaywright, readVitest, summarize } from './count-results.mjs';

const root = join(import.meta.dirname, '../..');

describe('counting a runner honestly', () => {
  it('counts a suite whose beforeAll throws as failed, and lists each skip with its reason', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'desk-count-')), 'vitest.json');
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/runner-fixtures/vitest.config.mts', '--reporter=json', `--outputFile.json=${out}`],
      { cwd: root, encoding: 'utf8' },
    );
    const r = readVitest(out, 'fixture', run.status);
    // vitest itself counts 0 failed tests here: the hook's tests are only "skipped".
    expect(r.passed).toBe(1);
    expect(r.failed).toBe(1);
    expect(r.problems[0]).toContain('broken-hook.fixture.ts');
    expect(r.skipped).toContainEqual({ title: 'a suite that skips with a reason is skipped', reason: 'no keychain here' });
    const { lines, failed } = summarize(applyCiSkipRule([r], false));
    expect(failed).toBe(1);
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
  });

  it('counts a runner that wrote no report, or exited non-zero with nothing failed, as failed', () => {
    expect(readVitest('/nonexistent/report.json', 'vitest', 1).failed).toBe(1);
    expect(readPlaywright('/nonexistent/report.json', 1).failed).toBe(1);
  });

  it('turns every skip but the missing Electron binary into a failure in CI', () => {
    const r = {
      runner: 'playwright',
      passed: 3,
      failed: 0,
      skipped: [
        { title: 'smoke', reason: 'Electron binary not installed: no download' },
        { title: 'real', reason: 'no real Dragonfly stack' },
      ],
      problems: [],
    };
    expect(summarize(applyCiSkipRule([r], true)).failed).toBe(1);
    expect(summarize(applyCiSkipRule([r], false)).failed).toBe(0);
    expect(notRun('browser', 'missing chromium', true).failed).toBe(1);
    expect(notRun('browser', 'missing chromium', false).skipped).toHaveLength(1);
  });
});
