import { z } from 'zod';
import { DeskError } from '../../shared/result';
import { SignInResponse } from './wire-format';
import { httpError } from './errors';
import type { ManagerHttp } from './http';
import { decodeJwt } from './jwt';
import { parseFirstJson } from './json';

/** The manager's default refresh window (`auth.jwt.maxRefresh`, 7 days, manager-api.md §2.3). */
export const MAX_REFRESH_MS = 7 * 86400_000;
/** Refresh daily, far inside the window, so a week without use never strands the session. */
export const REFRESH_AFTER_MS = 86400_000;
/** A token this close to `exp` is renewed before use. */
const EXPIRY_MARGIN_MS = 3600_000;

/**
 * A real v2.5.1 manager refuses a sign-in that follows another sign-in of the same user until its next
 * write clears its query cache, which returns the user without the password hash (30 s at most;
 * docs/manager-differences.md). Its own traffic writes every few seconds, irregularly, so a refused
 * sign-in is tried again after these pauses (8.7 s in all) before the password is called wrong.
 */
export const SIGNIN_RETRY_DELAYS_MS = [1200, 2500, 5000];

/**
 * How long a sign-in stands as proof that the password works. Inside the manager's refusal window a
 * second sign-in to check the credentials would be refused with the right password.
 */
export const RECENT_SIGN_IN_MS = 60_000;

export const StoredSession = z.object({
  token: z.string(),
  expiresAt: z.string(),
  origIat: z.number(),
  userId: z.number(),
  /** When this app signed in with the password for it (its own clock, ms); absent after a refresh. */
  signedInAt: z.number().optional(),
});
export type StoredSession = z.infer<typeof StoredSession>;

/** Where an authenticator reads credentials and keeps its session; keychain-backed for saved managers. */
export interface CredentialSource {
  password(): Promise<string | null>;
  pat(): Promise<string | null>;
  loadSession(): Promise<StoredSession | null>;
  saveSession(session: StoredSession | null): Promise<void>;
}

export type AuthSpec = { kind: 'password'; username: string } | { kind: 'pat' };

export interface Authenticator {
  readonly kind: 'password' | 'pat';
  /** The Authorization header value for the next request. */
  authorization(): Promise<string>;
  /** After a 401: get fresh credentials once. Returns false when retrying cannot help. */
  recover(): Promise<boolean>;
  session(): StoredSession | null;
}

export class PatAuthenticator implements Authenticator {
  readonly kind = 'pat';
  constructor(
    private readonly http: ManagerHttp,
    private readonly source: CredentialSource,
  ) {}

  async authorization() {
    const pat = await this.source.pat();
    if (!pat) throw new DeskError('unauthorized', `${this.http.endpoint.name} has no personal access token stored; edit the manager and enter one`);
    return `Bearer ${pat}`;
  }

  async recover() {
    return false;
  }

  session() {
    return null;
  }
}

export class JwtAuthenticator implements Authenticator {
  readonly kind = 'password';
  private current: StoredSession | null = null;
  private loaded = false;
  private loading: Promise<StoredSession | null> | null = null;
  private inflight: Promise<StoredSession> | null = null;

  constructor(
    private readonly http: ManagerHttp,
    private readonly username: string,
    private readonly source: CredentialSource,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  session() {
    return this.current;
  }

  async authorization() {
    return `Bearer ${(await this.fresh()).token}`;
  }

  async recover() {
    await this.renew();
    return true;
  }

  /** Sign in afresh, sharing any sign-in already under way (two at once would trip the manager's cache). */
  renew(): Promise<StoredSession> {
    this.current = null;
    this.loaded = true;
    return this.singleFlight(() => this.signIn());
  }

  /** A session that is valid now, refreshed or renewed as needed. Concurrent callers share one sign-in. */
  async fresh(): Promise<StoredSession> {
    const s = await this.stored();
    const now = this.now();
    if (s && Date.parse(s.expiresAt) - now > EXPIRY_MARGIN_MS && now - s.origIat * 1000 < REFRESH_AFTER_MS) {
      return s;
    }
    return this.singleFlight(async () => {
      if (s && now - s.origIat * 1000 < MAX_REFRESH_MS - EXPIRY_MARGIN_MS) {
        try {
          return await this.refresh(s);
        } catch (err) {
          if (!(err instanceof DeskError) || err.code !== 'unauthorized') throw err;
          // The manager may run a shorter refresh window than the default: sign in again instead.
        }
      }
      return this.signIn();
    });
  }

  /**
   * A session that proves the password works now: one this app signed in under `RECENT_SIGN_IN_MS`
   * ago stands (the manager would refuse another so soon), otherwise a new sign-in.
   */
  async verified(): Promise<StoredSession> {
    const s = await this.stored();
    const age = s?.signedInAt === undefined ? Infinity : this.now() - s.signedInAt;
    if (s && age >= 0 && age < RECENT_SIGN_IN_MS && Date.parse(s.expiresAt) - this.now() > EXPIRY_MARGIN_MS) return s;
    return this.renew();
  }

  /**
   * The stored session, read once; callers that come while it is read wait for the same read. Each
   * used to find it not read yet and sign in: ten sign-ins on every start with ten managers.
   */
  private stored(): Promise<StoredSession | null> {
    if (this.loaded) return Promise.resolve(this.current);
    this.loading ??= this.source.loadSession().then((s) => {
      // A sign-in or renewal meanwhile is newer than what was stored.
      if (!this.loaded) {
        this.current = s;
        this.loaded = true;
      }
      return this.current;
    });
    return this.loading;
  }

  private singleFlight(fn: () => Promise<StoredSession>): Promise<StoredSession> {
    this.inflight ??= fn().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async signIn(): Promise<StoredSession> {
    const password = await this.source.password();
    if (!password) {
      throw new DeskError('unauthorized', `${this.http.endpoint.name} has no password stored; edit the manager and enter it`);
    }
    const send = () => this.http.send({ method: 'POST', path: '/api/v1/users/signin', json: { name: this.username, password } });
    let answer = await send();
    for (const delay of SIGNIN_RETRY_DELAYS_MS) {
      if (answer.status !== 401) break;
      await this.sleep(delay);
      answer = await send();
    }
    if (answer.status !== 200) throw httpError(this.http.endpoint.name, '/api/v1/users/signin', answer, 'signin');
    return this.accept(answer.text, '/api/v1/users/signin', this.now());
  }

  private async refresh(s: StoredSession): Promise<StoredSession> {
    const answer = await this.http.send({
      method: 'POST',
      path: '/api/v1/users/refresh_token',
      headers: { authorization: `Bearer ${s.token}` },
    });
    if (answer.status !== 200) throw httpError(this.http.endpoint.name, '/api/v1/users/refresh_token', answer, 'refresh');
    return this.accept(answer.text, '/api/v1/users/refresh_token');
  }

  private async accept(text: string, path: string, signedInAt?: number): Promise<StoredSession> {
    const parsed = SignInResponse.safeParse(parseFirstJson(text));
    const claims = parsed.success ? decodeJwt(parsed.data.token) : null;
    if (!parsed.success || !claims) {
      throw new DeskError('bad_response', `${this.http.endpoint.name} answered ${path} without a usable token`);
    }
    const session: StoredSession = {
      token: parsed.data.token,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      origIat: claims.origIat,
      userId: claims.id,
      ...(signedInAt === undefined ? {} : { signedInAt }),
    };
    this.current = session;
    this.loaded = true;
    await this.source.saveSession(session);
    return session;
  }
}
