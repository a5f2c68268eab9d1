import type { SecretStore } from './secret-store';

/** Secrets held in this process only; used by `npm run demo` and unit tests, never written anywhere. */
export class MemoryStore implements SecretStore {
  readonly backend = 'memory (this run only)';
  private readonly values = new Map<string, string>();

  async get(account: string) {
    return this.values.get(account) ?? null;
  }

  async set(account: string, value: string) {
    this.values.set(account, value);
  }

  async delete(account: string) {
    this.values.delete(account);
  }
}
