import { existsSync, readFileSync } from 'node:fs';

/**
 * Count a runner's results from its JSON report and its exit code, so that nothing broken reads as
 * passed: a failed hook, a file that did not load, an unhandled error or a crash each count as failed.
 *
 * Every result is `{ runner, passed, failed, skipped: [{ title, reason }], problems: [text] }`.
 */

/** The one skip CI accepts: Electron's binary cannot be downloaded on this machine. */
export const ELECTRON_BINARY_SKIP = /^Electron binary not installed/;

export function readVitest(file, runner, exitCode) {
  const result = { runner, passed: 0, failed: 0, skipped: [], problems: [] };
  if (!existsSync(file)) {
    result.failed = 1;
    result.problems.push(`${runner} wrote no report (exit code ${exitCode}): it crashed or did not start`);
    return result;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  result.passed = r.numPassedTests;
  result.failed = r.numFailedTests;
  for (const f of r.testResults) {
    const failedHere = f.assertionResults.filter((a) => a.status === 'failed').length;
    // A file whose hook threw or which did not load: vitest marks its tests skipped, or has none.
    if (f.status === 'failed' && failedHere === 0) {
      result.failed += 1;
      result.problems.push(`${f.name}: ${firstLine(f.message) || 'the file failed outside its tests (a hook or the import)'}`);
    }
    for (const a of f.assertionResults) {
      if (a.status === 'skipped' || a.status === 'pending' || a.status === 'todo') {
        result.skipped.push({ title: a.fullName, reason: skipReason(a) });
      }
    }
  }
  // Unhandled errors and anything else vitest itself judged a failure reach only its exit code.
  if (exitCode !== 0 && result.failed === 0) {
    result.failed = 1;
    result.problems.push(`${runner} exited with code ${exitCode} although every test passed (an unhandled error, or a failed setup)`);
  }
  if (r.success === false && result.failed === 0) {
    result.failed = 1;
    result.problems.push(`${runner} reported failure with no failed test`);
  }
  return result;
}

export function readPlaywright(file, exitCode) {
  const runner = 'playwright';
  const result = { runner, passed: 0, failed: 0, skipped: [], problems: [] };
  if (!existsSync(file)) {
    result.failed = 1;
    result.problems.push(`playwright wrote no report (exit code ${exitCode}): it crashed or did not start`);
    return result;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status === 'skipped') {
          const why = t.annotations?.find((a) => a.type === 'skip')?.description;
          result.skipped.push({ title: spec.title, reason: why ?? 'no reason given' });
        }
      }
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of r.suites ?? []) walk(s);
  // Global setup and worker errors land in `errors`, not in any test.
  const errors = r.errors ?? [];
  for (const e of errors) result.problems.push(`playwright: ${firstLine(e.message)}`);
  result.passed = (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0);
  result.failed = (r.stats?.unexpected ?? 0) + errors.length;
  if (exitCode !== 0 && result.failed === 0) {
    result.failed = 1;
    result.problems.push(`playwright exited with code ${exitCode} although every test passed`);
  }
  return result;
}

/** A runner that could not run at all: failed in CI, skipped with its reason elsewhere. */
export function notRun(runner, reason, ci) {
  return ci
    ? { runner, passed: 0, failed: 1, skipped: [], problems: [`${runner} could not run: ${reason}`] }
    : { runner, passed: 0, failed: 0, skipped: [{ title: `all of ${runner}`, reason }], problems: [] };
}

/**
 * In CI, a skip counts as a failure unless it is the missing Electron binary: a skipped test there
 * means something CI should have provided is missing.
 */
export function applyCiSkipRule(results, ci) {
  if (!ci) return results;
  return results.map((r) => {
    const bad = r.skipped.filter((s) => !ELECTRON_BINARY_SKIP.test(s.reason));
    if (bad.length === 0) return r;
    return {
      ...r,
      failed: r.failed + bad.length,
      problems: [...r.problems, ...bad.map((s) => `skipped in CI: ${s.title} (${s.reason})`)],
    };
  });
}

export function summarize(results) {
  const lines = [];
  for (const r of results) {
    lines.push(`${r.runner}: ${r.passed} passed, ${r.failed} failed${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}`);
  }
  for (const r of results) for (const s of r.skipped) lines.push(`  skipped: ${s.title} (${s.reason})`);
  for (const r of results) for (const p of r.problems) lines.push(`  failed: ${p}`);
  const passed = results.reduce((a, r) => a + r.passed, 0);
  const failed = results.reduce((a, r) => a + r.failed, 0);
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, passed, failed };
}

function skipReason(a) {
  // vitest keeps `test.skip(reason)` / `ctx.skip(reason)` notes in the assertion's meta or failure messages.
  const note = a.meta?.skipReason ?? a.failureMessages?.find(Boolean);
  return note ? firstLine(note) : 'skipped (no reason given)';
}

function firstLine(text) {
  return String(text ?? '').split('\n').find((l) => l.trim()) ?? '';
}
