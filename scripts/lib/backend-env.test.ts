import { describe, expect, it } from 'vitest';
import { backendEnv } from './backend-env.cjs';

describe('the back end environment', () => {
  it("pins glibc's mmap threshold at its default, keeping the rest of the environment", () => {
    expect(backendEnv({ PATH: '/usr/bin' })).toEqual({ PATH: '/usr/bin', MALLOC_MMAP_THRESHOLD_: '131072' });
  });

  it("leaves an operator's own threshold as it is", () => {
    expect(backendEnv({ MALLOC_MMAP_THRESHOLD_: '65536' }).MALLOC_MMAP_THRESHOLD_).toBe('65536');
  });
});
