import { describe, expect, it } from 'vitest';
import type { StoredSession } from '../manager-client/session';
import { RecentSignIns } from './recent-sign-ins';

const session: StoredSession = { token: 't', expiresAt: '2026-12-04T00:00:00Z', origIat: 1, userId: 1 };
const key = { baseUrl: 'https://eu.example:8080', username: 'root', password: 'dragonfly' };

describe('RecentSignIns', () => {
  it('hands a session over once, to exactly the credentials it was signed in with', () => {
    const recent = new RecentSignIns(() => 0);
    recent.remember(key, session);
    expect(recent.take({ ...key, password: 'dragonfly2' })).toBeNull();
    expect(recent.take({ ...key, username: 'ops' })).toBeNull();
    expect(recent.take({ ...key, baseUrl: 'https://us.example:8080' })).toBeNull();
    expect(recent.take({ ...key, baseUrl: `${key.baseUrl}/` })).toBe(session);
    expect(recent.take(key)).toBeNull();
  });

  it('forgets a session after a minute', () => {
    let now = 0;
    const recent = new RecentSignIns(() => now);
    recent.remember(key, session);
    now = 60_001;
    expect(recent.take(key)).toBeNull();
  });
});
