import { describe, expect, it } from 'vitest';
import { jobIdOf, paletteActions, type PaletteSources } from './palette-actions';

const sources: PaletteSources = {
  managers: [
    { id: 'm1', name: 'prod-eu', baseUrl: 'http://eu:8080' },
    { id: 'm2', name: 'prod-us', baseUrl: 'http://us:8080' },
  ],
  clusters: [{ managerId: 'm1', managerName: 'prod-eu', id: 3, name: 'eu-west' }],
  drafts: [{ id: 'd1', name: 'weekly model weights', specKind: 'file', updatedAt: '2026-11-30T10:00:00Z' }],
  query: '',
};

describe('palette actions', () => {
  it('offers every page, both kinds of new preheat, every manager, cluster and draft, the shortcuts and the schemes', () => {
    const ids = paletteActions(sources).map((a) => a.id);
    expect(ids).toEqual([
      'page-dashboard',
      'page-preheats',
      'page-new',
      'page-drafts',
      'page-outbox',
      'page-failures',
      'page-managers',
      'page-settings',
      'new-image',
      'new-file',
      'manager-m1',
      'manager-m2',
      'cluster-m1-3',
      'draft-d1',
      'shortcuts',
      'scheme-auto',
      'scheme-light',
      'scheme-dark',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leads to the right places', () => {
    const byId = new Map(paletteActions(sources).map((a) => [a.id, a]));
    expect(byId.get('page-failures')?.target).toEqual({ kind: 'route', route: { page: 'failures' } });
    expect(byId.get('manager-m2')?.target).toEqual({ kind: 'route', route: { page: 'dashboard', intent: { kind: 'manager', managerId: 'm2' } } });
    expect(byId.get('cluster-m1-3')?.target).toEqual({ kind: 'route', route: { page: 'cluster', managerId: 'm1', clusterId: 3 } });
    expect(byId.get('draft-d1')).toMatchObject({ label: 'weekly model weights', target: { kind: 'route', route: { page: 'new', intent: { kind: 'draft', id: 'd1' } } } });
    const file = byId.get('new-file')?.target;
    expect(file?.kind === 'route' && file.route.page === 'new' && file.route.intent?.kind === 'spec' && file.route.intent.spec.kind).toBe('file');
    expect(byId.get('scheme-dark')?.target).toEqual({ kind: 'scheme', scheme: 'dark' });
  });

  it('adds "Find job" first when the query is a job id, keyed by the query so the filter keeps it', () => {
    for (const query of ['4711', '#4711', ' job 4711 ', 'find job #4711']) {
      const [first] = paletteActions({ ...sources, query });
      expect(first).toMatchObject({ id: 'find-job', label: 'Find job #4711', keywords: [query.trim()], target: { kind: 'route', route: { page: 'preheats', intent: { kind: 'search', search: '#4711' } } } });
    }
    expect(paletteActions({ ...sources, query: 'drafts' }).some((a) => a.id === 'find-job')).toBe(false);
  });

  it('with no managers or drafts offers the pages still', () => {
    const ids = paletteActions({ managers: [], clusters: [], drafts: [], query: '' }).map((a) => a.id);
    expect(ids).toContain('page-managers');
    expect(ids.some((id) => id.startsWith('manager-') || id.startsWith('draft-'))).toBe(false);
  });
});

describe('job ids in a query', () => {
  it.each([
    ['12', 12],
    ['#12', 12],
    ['# 12', 12],
    ['Job #12', 12],
    ['find job 12', 12],
    ['12a', null],
    ['preheats', null],
    ['', null],
    ['1234567890123456', null],
  ])('%j → %j', (q, id) => expect(jobIdOf(q)).toBe(id));
});
