import { createHash } from 'node:crypto';
import { RECENT_SIGN_IN_MS, type StoredSession } from '../manager-client/session';

export interface SignInKey {
  baseUrl: string;
  username: string;
  password: string;
}

/**
 * Sessions won by "Test connection" on an unsaved form, held in memory for a minute so that saving the
 * form reuses them. A real manager refuses a sign-in that follows another of the same user until its
 * query cache (30 s) is cleared by a write (docs/manager-differences.md row 1), so signing in again on
 * save can fail with the right password. Keyed by a digest: the password itself is not kept here.
 */
export class RecentSignIns {
  private readonly entries = new Map<string, { session: StoredSession; at: number }>();

  constructor(private readonly now: () => number) {}

  remember(key: SignInKey, session: StoredSession) {
    this.entries.set(digest(key), { session, at: this.now() });
  }

  /** The session signed in with exactly these credentials in the last minute, handed over once. */
  take(key: SignInKey): StoredSession | null {
    const k = digest(key);
    const entry = this.entries.get(k);
    this.entries.delete(k);
    for (const [other, e] of this.entries) if (this.now() - e.at > RECENT_SIGN_IN_MS) this.entries.delete(other);
    return entry && this.now() - entry.at <= RECENT_SIGN_IN_MS ? entry.session : null;
  }
}

const digest = ({ baseUrl, username, password }: SignInKey) =>
  createHash('sha256').update(JSON.stringify([baseUrl.replace(/\/+$/, ''), username, password])).digest('hex');
