import { StoredSession, type CredentialSource } from '../manager-client/session';
import { secretAccount, type SecretStore } from '../secrets/secret-store';

/** Credentials of a saved manager, read from the keychain each time they are needed. */
export function keychainCredentials(secrets: SecretStore, managerId: string): CredentialSource {
  return {
    password: () => secrets.get(secretAccount.password(managerId)),
    pat: () => secrets.get(secretAccount.pat(managerId)),
    async loadSession() {
      const raw = await secrets.get(secretAccount.session(managerId));
      if (!raw) return null;
      try {
        const parsed = StoredSession.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async saveSession(session) {
      if (session) await secrets.set(secretAccount.session(managerId), JSON.stringify(session));
      else await secrets.delete(secretAccount.session(managerId));
    },
  };
}

/**
 * Credentials typed into the form and not saved yet; the session lives only as long as the test. With
 * nothing typed, the saved manager's (`fallback`) are used, its session too: a sign-in it made a moment
 * ago then stands for the test, where the manager would refuse another.
 */
export function draftCredentials(values: { password?: string | null; pat?: string | null }, fallback?: CredentialSource): CredentialSource {
  let session: StoredSession | null = null;
  const typed = values.password != null || values.pat != null;
  return {
    password: async () => values.password ?? (fallback ? fallback.password() : null),
    pat: async () => values.pat ?? (fallback ? fallback.pat() : null),
    loadSession: async () => session ?? (!typed && fallback ? fallback.loadSession() : null),
    saveSession: async (s) => {
      session = s;
    },
  };
}
