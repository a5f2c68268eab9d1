import { createRequire } from 'node:module';
import { DeskError } from '../../shared/result';
import { SECRET_SERVICE, type ListableSecretStore } from './secret-store';

type Keytar = typeof import('@napi-rs/keyring/keytar.js');

/** A keychain call that has not answered by then is taken as a keychain that cannot be used. */
const CALL_TIMEOUT_MS = 10_000;

/**
 * Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux)
 * through keytar's API, served by @napi-rs/keyring: prebuilt N-API binaries, so nothing is compiled
 * at install and one binary serves Node and Electron.
 */
export class KeychainStore implements ListableSecretStore {
  readonly backend = `OS keychain (${process.platform === 'linux' ? 'Secret Service' : process.platform === 'darwin' ? 'macOS Keychain' : 'Credential Manager'})`;
  private keytar: Promise<Keytar> | null = null;

  constructor(private readonly service = SECRET_SERVICE) {}

  private load(): Promise<Keytar> {
    // Loaded lazily: a platform without a prebuilt binary still starts and reads this error.
    // Required, not `import()`ed: the back end's chunks are compiled through node:vm for their code
    // cache, where a dynamic import needs an experimental loader (lifecycle/code-cache.ts).
    this.keytar ??= Promise.resolve().then(() => createRequire(__filename)('@napi-rs/keyring/keytar.js') as Keytar);
    return this.keytar;
  }

  private async run<T>(what: string, fn: (k: Keytar) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CALL_TIMEOUT_MS / 1000} s`)), CALL_TIMEOUT_MS);
      });
      return await Promise.race([(async () => fn(await this.load()))(), timeout]);
    } catch (err) {
      const cause = (err as Error).message;
      throw new DeskError('keychain', `The OS keychain could not ${what}: ${cause}`, { cause });
    } finally {
      clearTimeout(timer);
    }
  }

  get(account: string) {
    return this.run('read a secret', async (k) => (await k.getPassword(this.service, account)) ?? null);
  }

  set(account: string, value: string) {
    return this.run('store a secret', (k) => k.setPassword(this.service, account, value));
  }

  async delete(account: string) {
    await this.run('delete a secret', (k) => k.deletePassword(this.service, account));
  }

  entries() {
    return this.run('list its secrets', async (k) => (await k.findCredentials(this.service)).map((c) => ({ account: c.account, value: c.password })));
  }
}
