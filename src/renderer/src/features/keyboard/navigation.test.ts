import { describe, expect, it } from 'vitest';
import { parentOf, searchFieldOf } from './navigation';

describe('Esc without history goes to the parent page', () => {
  it.each([
    [{ page: 'job', managerId: 'm1', jobId: 7 } as const, { page: 'preheats' }],
    [{ page: 'new' } as const, { page: 'preheats' }],
    [{ page: 'submission', id: 's1' } as const, { page: 'outbox' }],
    [{ page: 'cluster', managerId: 'm1', clusterId: 2 } as const, { page: 'dashboard' }],
    [{ page: 'settings' } as const, null],
    [{ page: 'dashboard' } as const, null],
  ])('%o → %o', (route, parent) => expect(parentOf(route)).toEqual(parent));
});

describe('/ focuses the page search, else the preheat list', () => {
  it.each([
    [{ page: 'preheats' } as const, { testId: 'job-search', route: null }],
    [{ page: 'failures' } as const, { testId: 'failure-search', route: null }],
    [{ page: 'dashboard' } as const, { testId: 'cluster-search', route: null }],
    [{ page: 'settings' } as const, { testId: 'job-search', route: { page: 'preheats' } }],
    [{ page: 'job', managerId: 'm', jobId: 1 } as const, { testId: 'job-search', route: { page: 'preheats' } }],
  ])('%o → %o', (route, field) => expect(searchFieldOf(route)).toEqual(field));
});
