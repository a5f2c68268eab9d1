import { DeskError } from '../../shared/result';
import { SECRET_SERVICE, type SecretStore } from './secret-store';

type Keytar = typeof import('keytar');

/** Secrets in the OS keychain (Keychain, Credential Vault, Secret Service) through keytar. */
export class KeytarStore implements SecretStore {
  readonly backend = `OS keychain via keytar (${process.platform === 'linux' ? 'Secret Service' : process.platform})`;
  private keytar: Promise<Keytar> | null = null;

  constructor(private readonly service = SECRET_SERVICE) {}

  private load(): Promise<Keytar> {
    // Loaded lazily: a machine without libsecret can still start the app and read this error.
    this.keytar ??= import('keytar').then((m) => ((m as { default?: Keytar }).default ?? m) as Keytar);
    return this.keytar;
  }

  private async run<T>(what: string, fn: (k: Keytar) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.load());
    } catch (err) {
      throw new DeskError('keychain', `The OS keychain could not ${what}: ${(err as Error).message}`);
    }
  }

  get(account: string) {
    return this.run('read a secret', (k) => k.getPassword(this.service, account));
  }

  set(account: string, value: string) {
    return this.run('store a secret', (k) => k.setPassword(this.service, account, value));
  }

  async delete(account: string) {
    await this.run('delete a secret', (k) => k.deletePassword(this.service, account));
  }
}
