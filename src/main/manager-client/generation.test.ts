import { describe, expect, it } from 'vitest';
import { inferGeneration } from './generation';

describe('API generation inference (manager-api.md §8)', () => {
  it('a login-protected job API is v2.4.1 or later, fully supported', () => {
    expect(inferGeneration('protected', null)).toMatchObject({ label: 'v2.4.1 or later', fullSupport: true, warnings: [] });
    expect(inferGeneration('protected', { object_storage: null, concurrent_task_count: 8 }).label).toBe('v2.4.4 or later');
  });

  it('an open job API with v2.3.1 args is supported but warned about', () => {
    const g = inferGeneration('open', { concurrent_task_count: 8, scope: 'single_seed_peer' });
    expect(g.label).toBe('v2.3.1 – v2.4.0');
    expect(g.fullSupport).toBe(true);
    expect(g.warnings[0]).toMatch(/without authentication/);
  });

  it('older managers are detected and told apart', () => {
    expect(inferGeneration('open', { concurrent_count: 50, scope: 'single_seed_peer' })).toMatchObject({ label: 'older than v2.3.1', fullSupport: false });
    expect(inferGeneration('open', { url: 'u' }).evidence.join()).toMatch(/older than v2.1.57/);
    expect(inferGeneration('open', null)).toMatchObject({ label: 'v2.4.0 or earlier', fullSupport: false });
  });

  it('a redirect means there is no manager API at this address', () => {
    expect(inferGeneration('missing', null)).toMatchObject({ label: 'not a Dragonfly v2 manager', fullSupport: false });
  });
});
