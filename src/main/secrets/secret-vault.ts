import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { SecretMode, SecretStorageStatus } from '../../shared/models';
import { DeskError } from '../../shared/result';
import { FileSecretStore } from './file-store';
import { MemoryStore } from './memory-store';
import type { ListableSecretStore, SecretStore } from './secret-store';

export type SecretPreference = 'keychain' | 'file';

export interface SecretVaultOptions {
  /** The OS keychain; null when the run asked for memory only (`--secrets memory`). */
  keychain: ListableSecretStore | null;
  dataDir: string;
  /** The preference saved in Settings. */
  preference: () => SecretPreference;
  /** Persist a new preference (Settings). */
  savePreference: (p: SecretPreference) => Promise<void>;
  now?: () => number;
  log?: (line: string) => void;
}

interface KeychainState {
  available: boolean;
  reason: string | null;
  checkedAt: string | null;
}

/** Does the keychain store a secret, list it and give it back? Only then are credentials safe in it. */
export async function probeKeychain(keychain: ListableSecretStore): Promise<{ available: boolean; reason: string | null }> {
  const account = `probe:${randomUUID()}`;
  const value = randomUUID();
  try {
    await keychain.set(account, value);
    const back = await keychain.get(account);
    // Listing goes to the persistent store itself; a cache in front of it (the kernel keyring on
    // Linux) can answer get() where nothing would survive a restart.
    const listed = (await keychain.entries()).some((e) => e.account === account && e.value === value);
    if (back !== value || !listed) return { available: false, reason: 'it did not give back a secret it had just stored' };
    return { available: true, reason: null };
  } catch (err) {
    const cause = (err as DeskError).details?.cause;
    return { available: false, reason: typeof cause === 'string' ? cause : (err as Error).message };
  } finally {
    await keychain.delete(account).catch(() => undefined);
  }
}

/**
 * Where credentials are kept, behind one SecretStore: the OS keychain when it works; otherwise this
 * run's memory, said plainly; or, only when the user opts in, secrets.json (not encrypted). A keychain
 * that fails later is checked again at once, and credentials are never lost in a move between stores.
 */
export class SecretVault implements SecretStore {
  private mode: SecretMode = 'memory';
  private keychainState: KeychainState = { available: false, reason: null, checkedAt: null };
  private readonly memory = new MemoryStore();
  private readonly file: FileSecretStore;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private moving: Promise<void> = Promise.resolve();

  constructor(private readonly opts: SecretVaultOptions) {
    this.file = new FileSecretStore(opts.dataDir);
    this.now = opts.now ?? Date.now;
  }

  get backend() {
    return this.current().backend;
  }

  get notice(): string | null {
    return this.file.notice;
  }

  /** Check the keychain and pick the store. */
  async start(): Promise<void> {
    if (this.opts.keychain) await this.recheck({ quiet: true });
    else this.keychainState = { available: false, reason: 'not used in this run (--secrets memory)', checkedAt: null };
    // secrets.json in use, by choice or left from an earlier choice: its credentials stay reachable.
    if (this.opts.preference() === 'file' || existsSync(this.file.path)) {
      await this.file.load();
      this.mode = 'file';
    } else {
      this.mode = this.keychainState.available ? 'keychain' : 'memory';
    }
    this.opts.log?.(`credentials: ${this.status().notice ?? `kept in the ${this.backend}`}`);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    for (const l of this.listeners) l();
  }

  private current(): ListableSecretStore {
    if (this.mode === 'file') return this.file;
    if (this.mode === 'keychain' && this.opts.keychain) return this.opts.keychain;
    return this.memory;
  }

  get kept(): SecretMode {
    return this.mode;
  }

  status(): SecretStorageStatus {
    const kc = this.keychainState;
    const why = kc.reason ? ` (${kc.reason})` : '';
    let notice: string | null = null;
    if (this.mode === 'memory') {
      notice = this.opts.keychain
        ? `Credentials are kept until Dragonfly Desk quits: no OS keychain here${why}.`
        : 'Credentials are kept until Dragonfly Desk quits: this run keeps them in memory only (--secrets memory).';
    } else if (this.mode === 'file') {
      notice = `Credentials are kept in ${this.file.path}, which is not encrypted (readable by its owner only).`;
    }
    return {
      mode: this.mode,
      preference: this.opts.keychain ? this.opts.preference() : 'memory',
      backend: this.backend,
      keychain: { ...kc },
      filePath: this.mode === 'file' ? this.file.path : null,
      notice,
      canMoveToKeychain: this.mode !== 'keychain' && kc.available,
    };
  }

  /** Check the keychain again; if it works now and holds nothing of ours elsewhere, use it. */
  async recheck({ quiet = false } = {}): Promise<SecretStorageStatus> {
    if (!this.opts.keychain) return this.status();
    const probe = await probeKeychain(this.opts.keychain);
    const was = this.keychainState.available;
    this.keychainState = { ...probe, checkedAt: new Date(this.now()).toISOString() };
    if (was !== probe.available) this.opts.log?.(`OS keychain ${probe.available ? 'reachable' : `not reachable: ${probe.reason}`}`);
    // Memory that holds nothing yet loses nothing by moving on to the keychain.
    if (probe.available && this.mode === 'memory' && (await this.memory.entries()).length === 0) this.mode = 'keychain';
    if (!quiet) this.changed();
    return this.status();
  }

  /**
   * Keep credentials in `target` from now on, moving every one there: to the keychain (the file is
   * deleted afterwards), or to the file (opted in, not encrypted). Choosing the keychain where none works
   * keeps them in memory for this run and deletes the file.
   */
  async use(target: SecretPreference): Promise<SecretStorageStatus> {
    const run = this.moving.then(() => this.moveTo(target));
    this.moving = run.catch(() => undefined);
    await run;
    return this.status();
  }

  private async moveTo(target: SecretPreference) {
    if (!this.opts.keychain) throw new DeskError('invalid_input', 'This run keeps credentials in memory only (--secrets memory); restart without it to choose where they go');
    if (target === 'keychain') await this.recheck({ quiet: true });
    const to: SecretMode = target === 'file' ? 'file' : this.keychainState.available ? 'keychain' : 'memory';
    const from = this.current();
    if (to === 'file') await this.file.load();
    const dest = to === 'file' ? this.file : to === 'keychain' ? this.opts.keychain : this.memory;
    if (dest !== from) {
      const entries = await from.entries();
      for (const e of entries) await dest.set(e.account, e.value);
      // Only once every secret is in its new place is the old copy removed.
      if (from === this.file) await this.file.remove();
      else for (const e of entries) await from.delete(e.account).catch(() => undefined);
      this.opts.log?.(`credentials: moved ${entries.length} from the ${from.backend} to the ${dest.backend}`);
    }
    this.mode = to;
    await this.opts.savePreference(target);
    this.changed();
  }

  get(account: string) {
    return this.withFallback((s) => s.get(account));
  }

  set(account: string, value: string) {
    return this.withFallback((s) => s.set(account, value));
  }

  delete(account: string) {
    return this.withFallback((s) => s.delete(account));
  }

  /**
   * A keychain call that fails makes the vault check the keychain again. If it no longer works, the
   * credentials of this run go to memory, the user is told, and the call is answered from there.
   */
  private async withFallback<T>(op: (s: ListableSecretStore) => Promise<T>): Promise<T> {
    const store = this.current();
    try {
      return await op(store);
    } catch (err) {
      if (store !== this.opts.keychain || !(err instanceof DeskError) || err.code !== 'keychain') throw err;
      await this.recheck({ quiet: true });
      if (this.keychainState.available) throw err;
      this.mode = 'memory';
      this.changed();
      return op(this.memory);
    }
  }
}
