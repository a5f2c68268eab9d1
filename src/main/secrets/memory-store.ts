import type { ListableSecretStore } from './secret-store';

/** Secrets held in this process only, never written anywhere: gone when the app quits. */
export class MemoryStore implements ListableSecretStore {
  readonly backend = 'memory (until Dragonfly Desk quits)';
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

  async entries() {
    return [...this.values].map(([account, value]) => ({ account, value }));
  }
}
