import { describe, expect, it } from 'vitest';
import { deepLinkInArgs, parseDeepLink } from './deep-link';

describe('deep links', () => {
  it('open a job', () => {
    expect(parseDeepLink('dragonfly-desk://manager/6a1f-22/job/42')).toEqual({ to: 'job', managerId: '6a1f-22', jobId: 42 });
    expect(parseDeepLink('dragonfly-desk://manager/a%20b/job/7')).toEqual({ to: 'job', managerId: 'a b', jobId: 7 });
  });

  it('open the failure log of a manager', () => {
    expect(parseDeepLink('dragonfly-desk://failures?manager=m1')).toEqual({ to: 'failures', managerId: 'm1' });
    expect(parseDeepLink('dragonfly-desk://failures')).toEqual({ to: 'failures', managerId: null });
  });

  it('refuse anything else', () => {
    for (const bad of ['https://manager/m/job/1', 'dragonfly-desk://manager/m/job/x', 'dragonfly-desk://manager/m', 'dragonfly-desk://shell/exec', 'not a link']) {
      expect(parseDeepLink(bad)).toBeNull();
    }
  });

  it('find the link among a second instance\'s arguments', () => {
    expect(deepLinkInArgs(['/usr/bin/desk', '--flag', 'dragonfly-desk://manager/m/job/1'])).toBe('dragonfly-desk://manager/m/job/1');
    expect(deepLinkInArgs(['/usr/bin/desk'])).toBeNull();
  });
});
