import type { TestContext } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why a test was skipped; `npm test` lists it, and in CI counts the skip as a failure. */
    skipReason?: string;
  }
}

/** Skip this test and say why, so the summary of `npm test` can name the reason. */
export function skipBecause(ctx: TestContext, reason: string): never {
  ctx.task.meta.skipReason = reason;
  return ctx.skip(reason);
}
