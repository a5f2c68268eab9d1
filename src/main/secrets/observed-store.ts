import type { Redactor } from '../log/redact';
import type { SecretStore } from './secret-store';

/** Wraps a store so every secret that passes through is known to the log redactor. */
export function observedStore(inner: SecretStore, redactor: Redactor): SecretStore {
  const remember = (value: string | null) => {
    if (value) {
      redactor.add(value);
      // Sessions are stored as JSON; their token must be scrubbed on its own too.
      if (value.startsWith('{')) {
        try {
          redactor.add((JSON.parse(value) as { token?: string }).token);
        } catch {
          // not JSON after all
        }
      }
    }
    return value;
  };
  return {
    backend: inner.backend,
    get: async (account) => remember(await inner.get(account)),
    set: async (account, value) => {
      remember(value);
      await inner.set(account, value);
    },
    delete: (account) => inner.delete(account),
  };
}
