import { describe, expect, it } from 'vitest';
import type { ManagerHttp, HttpRequest } from './http';
import { JwtAuthenticator, MAX_REFRESH_MS, RECENT_SIGN_IN_MS, REFRESH_AFTER_MS, type CredentialSource, type StoredSession } from './session';

const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

function fakeManager(now: () => number, opts: { refreshFails?: boolean; signInRefusals?: number } = {}) {
  const calls: string[] = [];
  let refusals = opts.signInRefusals ?? 0;
  const http = {
    endpoint: { name: 'prod-eu', baseUrl: 'http://m', caCert: null, skipTlsVerify: false },
    async send(req: HttpRequest) {
      calls.push(req.path);
      const iat = Math.floor(now() / 1000);
      if (req.path.endsWith('/signin') && refusals-- > 0) return { status: 401, headers: {}, text: '{"message":"Unauthorized"}', latencyMs: 1 };
      if (req.path.endsWith('/refresh_token') && opts.refreshFails) return { status: 401, headers: {}, text: '{"message":"Unauthorized"}', latencyMs: 1 };
      const token = jwt({ id: 1, exp: iat + 14 * 86400, orig_iat: iat });
      return { status: 200, headers: {}, text: JSON.stringify({ token, expire: 'x' }), latencyMs: 1 };
    },
  } as unknown as ManagerHttp;
  return { http, calls };
}

function memorySource(initial: StoredSession | null = null): CredentialSource & { saved: StoredSession | null } {
  const src = {
    saved: initial,
    password: async () => 'dragonfly',
    pat: async () => null,
    loadSession: async () => src.saved,
    saveSession: async (s: StoredSession | null) => {
      src.saved = s;
    },
  };
  return src;
}

describe('JWT session', () => {
  it('signs in once and reuses the token', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const { http, calls } = fakeManager(() => t);
    const auth = new JwtAuthenticator(http, 'root', memorySource(), () => t);
    const first = await auth.authorization();
    t += 3600_000;
    expect(await auth.authorization()).toBe(first);
    expect(calls).toEqual(['/api/v1/users/signin']);
  });

  it('shares one sign-in between concurrent callers', async () => {
    const t = Date.now();
    const { http, calls } = fakeManager(() => t);
    const auth = new JwtAuthenticator(http, 'root', memorySource(), () => t);
    await Promise.all([auth.authorization(), auth.authorization(), auth.authorization()]);
    expect(calls).toEqual(['/api/v1/users/signin']);
  });

  it('refreshes a day into the session, long before the 7-day window closes', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const { http, calls } = fakeManager(() => t);
    const source = memorySource();
    const auth = new JwtAuthenticator(http, 'root', source, () => t);
    await auth.authorization();
    t += REFRESH_AFTER_MS + 1000;
    await auth.authorization();
    expect(calls).toEqual(['/api/v1/users/signin', '/api/v1/users/refresh_token']);
    expect(source.saved?.origIat).toBe(Math.floor(t / 1000));
  });

  it('signs in again when the manager refuses the refresh', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const { http, calls } = fakeManager(() => t, { refreshFails: true });
    const auth = new JwtAuthenticator(http, 'root', memorySource(), () => t);
    await auth.authorization();
    t += REFRESH_AFTER_MS + 1000;
    await auth.authorization();
    expect(calls).toEqual(['/api/v1/users/signin', '/api/v1/users/refresh_token', '/api/v1/users/signin']);
  });

  it('does not try to refresh a session past the refresh window; signs in instead', async () => {
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const t = t0 + MAX_REFRESH_MS;
    const stored: StoredSession = { token: jwt({ id: 1, exp: t0 / 1000 + 14 * 86400, orig_iat: t0 / 1000 }), expiresAt: new Date(t0 + 14 * 86400_000).toISOString(), origIat: t0 / 1000, userId: 1 };
    const { http, calls } = fakeManager(() => t);
    const auth = new JwtAuthenticator(http, 'root', memorySource(stored), () => t);
    await auth.authorization();
    expect(calls).toEqual(['/api/v1/users/signin']);
  });

  it('uses a stored session across restarts without signing in', async () => {
    const t = Date.parse('2026-01-01T00:00:00Z');
    const stored: StoredSession = { token: jwt({ id: 1, exp: t / 1000 + 86400 * 14, orig_iat: t / 1000 }), expiresAt: new Date(t + 14 * 86400_000).toISOString(), origIat: t / 1000, userId: 1 };
    const { http, calls } = fakeManager(() => t);
    const auth = new JwtAuthenticator(http, 'root', memorySource(stored), () => t + 60_000);
    expect(await auth.authorization()).toBe(`Bearer ${stored.token}`);
    expect(calls).toEqual([]);
  });

  it('gives callers that come while the stored session is read that session, without signing in', async () => {
    const t = Date.parse('2026-01-01T00:00:00Z');
    const stored: StoredSession = { token: jwt({ id: 1, exp: t / 1000 + 86400 * 14, orig_iat: t / 1000 }), expiresAt: new Date(t + 14 * 86400_000).toISOString(), origIat: t / 1000, userId: 1 };
    const { http, calls } = fakeManager(() => t);
    const source = memorySource(stored);
    // A keychain answers after a moment: the inventory's lists and the watcher's look all ask meanwhile.
    source.loadSession = () => new Promise((resolve) => setTimeout(() => resolve(stored), 10));
    const auth = new JwtAuthenticator(http, 'root', source, () => t + 60_000);
    const headers = await Promise.all([auth.authorization(), auth.authorization(), auth.authorization()]);
    expect(headers).toEqual(Array(3).fill(`Bearer ${stored.token}`));
    expect(calls).toEqual([]);
  });

  it('tries a refused sign-in again after a pause: the manager refuses a second sign-in in quick succession', async () => {
    const t = Date.now();
    const { http, calls } = fakeManager(() => t, { signInRefusals: 1 });
    const pauses: number[] = [];
    const auth = new JwtAuthenticator(http, 'root', memorySource(), () => t, async (ms) => void pauses.push(ms));
    await auth.authorization();
    expect(calls).toEqual(['/api/v1/users/signin', '/api/v1/users/signin']);
    expect(pauses).toEqual([1200]);
  });

  it('calls the password wrong only after the retries are refused too', async () => {
    const t = Date.now();
    const { http, calls } = fakeManager(() => t, { signInRefusals: 99 });
    const auth = new JwtAuthenticator(http, 'root', memorySource(), () => t, async () => undefined);
    await expect(auth.authorization()).rejects.toThrow('prod-eu rejected the username or password (401 Unauthorized)');
    expect(calls).toHaveLength(4);
  });

  it('recover() after a 401 forces a fresh sign-in', async () => {
    const t = Date.now();
    const { http, calls } = fakeManager(() => t);
    const auth = new JwtAuthenticator(http, 'root', memorySource(), () => t);
    await auth.authorization();
    expect(await auth.recover()).toBe(true);
    expect(calls).toEqual(['/api/v1/users/signin', '/api/v1/users/signin']);
  });

  it('lets a sign-in of under a minute ago prove the password, where the manager would refuse a second one', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const { http, calls } = fakeManager(() => t);
    const source = memorySource();
    await new JwtAuthenticator(http, 'root', source, () => t).authorization();
    t += RECENT_SIGN_IN_MS - 1000;
    // A new client of the same manager (the saved card after the form's test) finds the kept session.
    const auth = new JwtAuthenticator(http, 'root', source, () => t);
    expect((await auth.verified()).signedInAt).toBe(t - RECENT_SIGN_IN_MS + 1000);
    expect(calls).toEqual(['/api/v1/users/signin']);
    t += 1000;
    expect((await auth.verified()).signedInAt).toBe(t);
    expect(calls).toEqual(['/api/v1/users/signin', '/api/v1/users/signin']);
  });

  it('does not let a refreshed session prove the password', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const { http, calls } = fakeManager(() => t);
    const auth = new JwtAuthenticator(http, 'root', memorySource(), () => t);
    await auth.authorization();
    t += REFRESH_AFTER_MS + 1000;
    await auth.authorization();
    expect((await auth.verified()).signedInAt).toBe(t);
    expect(calls).toEqual(['/api/v1/users/signin', '/api/v1/users/refresh_token', '/api/v1/users/signin']);
  });
});
