import { describe, expect, it } from 'vitest';
import { parseHash, routeHash, routeOfLink, type Route } from './route';

describe('hash routes', () => {
  const routes: Route[] = [
    { page: 'dashboard' },
    { page: 'cluster', managerId: 'm/1', clusterId: 3 },
    { page: 'preheats' },
    { page: 'new' },
    { page: 'managers' },
    { page: 'settings' },
    { page: 'submission', id: 'a/b c' },
    { page: 'outbox' },
    { page: 'outbox', submission: 'a&b c' },
    { page: 'drafts' },
    { page: 'drafts', tab: 'templates' },
    { page: 'job', managerId: 'm 1', jobId: 42 },
    { page: 'failures' },
    { page: 'failures', managerId: 'm&1' },
    { page: 'failures', job: 'm1:42' },
  ];
  it.each(routes)('%o survives a reload', (r) => {
    expect(parseHash(routeHash(r))).toEqual(r);
  });

  it('sends an empty or unknown hash to the overview', () => {
    expect(parseHash('')).toEqual({ page: 'dashboard' });
    expect(parseHash('#/nowhere')).toEqual({ page: 'dashboard' });
    expect(parseHash('#/preheats/m1/not-a-number')).toEqual({ page: 'dashboard' });
    expect(parseHash('#/clusters/m1/x')).toEqual({ page: 'dashboard' });
  });
});

describe('deep links', () => {
  it('opens a job from a notification link', () => {
    expect(routeOfLink('dragonfly-desk://manager/abc-123/job/77')).toEqual({ page: 'job', managerId: 'abc-123', jobId: 77 });
  });

  it('opens the failure log of one manager from a summary notification', () => {
    expect(routeOfLink('dragonfly-desk://failures?manager=abc-123')).toEqual({ page: 'failures', managerId: 'abc-123' });
    expect(routeOfLink('dragonfly-desk://failures')).toEqual({ page: 'failures' });
  });

  it('opens the outbox at a submission from a queued part\'s notification', () => {
    expect(routeOfLink('dragonfly-desk://outbox?submission=s-1')).toEqual({ page: 'outbox', submission: 's-1' });
    expect(routeOfLink('dragonfly-desk://outbox')).toEqual({ page: 'outbox' });
  });

  it('ignores links of other schemes and shapes', () => {
    expect(routeOfLink('https://example.com/manager/a/job/1')).toBeNull();
    expect(routeOfLink('dragonfly-desk://manager/a/job/x')).toBeNull();
    expect(routeOfLink('not a url')).toBeNull();
  });
});

describe('intents', () => {
  it('travel with the route but never in the hash', () => {
    const withIntent: Route = { page: 'new', intent: { kind: 'target', managerId: 'm1', clusterId: 2 } };
    expect(routeHash(withIntent)).toBe(routeHash({ page: 'new' }));
    expect(parseHash(routeHash(withIntent))).toEqual({ page: 'new' });
  });
});
