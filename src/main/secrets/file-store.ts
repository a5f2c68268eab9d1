import { join } from 'node:path';
import { z } from 'zod';
import { VersionedJsonFile } from '../storage/versioned-json';
import type { ListableSecretStore } from './secret-store';

export const SECRETS_FILE_NAME = 'secrets.json';

const WARNING =
  'NOT ENCRYPTED. Dragonfly Desk keeps manager passwords, tokens and registry passwords in this file because ' +
  'it was chosen in Settings (or with --secrets file) where no OS keychain could be used. Anyone who can read ' +
  'this file can use them. The file is readable by its owner only (mode 0600).';

const SecretsFile = z.object({
  warning: z.string(),
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});

/**
 * The opt-in fallback where no keychain works: one JSON file in the data folder, mode 0600, written
 * atomically, saying in its first field that it is not encrypted.
 */
export class FileSecretStore implements ListableSecretStore {
  readonly backend = `${SECRETS_FILE_NAME} in the data folder (not encrypted)`;
  private readonly file: VersionedJsonFile<typeof SecretsFile>;
  private secrets: Record<string, string> = {};
  notice: string | null = null;

  constructor(dataDir: string) {
    this.file = new VersionedJsonFile(join(dataDir, SECRETS_FILE_NAME), SecretsFile, () => ({ warning: WARNING, version: 1, secrets: {} }));
  }

  get path() {
    return this.file.path;
  }

  async load(): Promise<void> {
    const { value, setAside } = await this.file.load();
    this.secrets = { ...value.secrets };
    if (setAside) this.notice = `The secrets file could not be read (${setAside.reason}); it was set aside as ${setAside.path}. Enter the managers' credentials again.`;
  }

  private save() {
    return this.file.save({ warning: WARNING, version: 1, secrets: this.secrets });
  }

  async get(account: string) {
    return Object.hasOwn(this.secrets, account) ? this.secrets[account]! : null;
  }

  async set(account: string, value: string) {
    this.secrets = { ...this.secrets, [account]: value };
    await this.save();
  }

  async delete(account: string) {
    if (!Object.hasOwn(this.secrets, account)) return;
    const { [account]: _gone, ...rest } = this.secrets;
    this.secrets = rest;
    await this.save();
  }

  async entries() {
    return Object.entries(this.secrets).map(([account, value]) => ({ account, value }));
  }

  /** Remove the file itself, once its secrets are somewhere else. */
  async remove(): Promise<void> {
    this.secrets = {};
    await this.file.remove();
  }
}
