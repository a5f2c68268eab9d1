import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { skipBecause } from '../helpers/skip';

// Read by test/runner/count-results.test.ts through its own vitest config; never part of `npm test`'s suites.
describe('a suite whose beforeAll throws', () => {
  beforeAll(() => {
    throw new Error('the real manager is unreachable');
  });
  it('is never run', () => {
    expect(1).toBe(1);
  });
});

describe('a suite that skips with a reason', () => {
  beforeEach((ctx) => {
    skipBecause(ctx, 'no keychain here');
  });
  it('is skipped', () => {});
});

it('passes', () => {});
