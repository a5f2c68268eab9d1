import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManagerInput, type ConnectionReport, type ManagerView, type SecretMode } from '../../shared/models';
import { DeskError } from '../../shared/result';
import { secretRetypeReason } from '../../shared/secret-binding';
import { ManagerClient } from '../manager-client/client';
import type { AuthSpec, StoredSession } from '../manager-client/session';
import { secretAccount, type SecretStore } from '../secrets/secret-store';
import type { Disposable } from '../lifecycle/disposable';
import { VersionedJsonFile } from '../storage/versioned-json';
import { keychainCredentials } from './credentials';
import { MANAGERS_FILE_NAME, ManagersFile, type ManagerRecord } from './manager-file';

type ParsedInput = ReturnType<typeof ManagerInput.parse>;


/** The stored form of a login: its kind and non-secret parts only. */
function authRecord(auth: ParsedInput['auth'], keepExpiry: string | null = null): ManagerRecord['auth'] {
  if (auth.kind === 'password') return { kind: 'password', username: auth.username };
  // Left out keeps what is known; an explicit null clears it.
  if (auth.tokenExpiresAt === undefined) return { kind: 'pat', tokenExpiresAt: keepExpiry };
  return { kind: 'pat', tokenExpiresAt: auth.tokenExpiresAt && new Date(auth.tokenExpiresAt).toISOString() };
}

export interface ManagerRegistryOptions {
  dataDir: string;
  secrets: SecretStore;
  now?: () => number;
  /** Where stored secrets are kept now (the keychain, memory, or the secrets file). */
  kept?: () => SecretMode;
}

/**
 * The configured managers: records in `managers.json` (no secrets), secrets in the keychain,
 * and one client per manager built on demand.
 */
export class ManagerRegistry implements Disposable {
  private records: ManagerRecord[] = [];
  private readonly secretFlags = new Map<string, boolean>();
  private readonly clients = new Map<string, ManagerClient>();
  private readonly building = new Map<string, Promise<ManagerClient>>();
  private readonly file: VersionedJsonFile<typeof ManagersFile>;
  private readonly listeners = new Set<() => void>();
  notices: string[] = [];

  private readonly secrets: SecretStore;
  private readonly now: () => number;
  private readonly kept: () => SecretMode;

  constructor(opts: ManagerRegistryOptions) {
    this.secrets = opts.secrets;
    this.now = opts.now ?? Date.now;
    this.kept = opts.kept ?? (() => 'keychain');
    this.file = new VersionedJsonFile(join(opts.dataDir, MANAGERS_FILE_NAME), ManagersFile, () => ({ version: 1, managers: [] }));
  }

  async load(): Promise<void> {
    const { value, setAside } = await this.file.load();
    this.records = value.managers;
    if (setAside) {
      this.notices.push(`The manager list could not be read (${setAside.reason}); it was set aside as ${setAside.path} and an empty list started.`);
    }
    await this.refreshSecretFlags();
  }

  /** Read again which managers have a stored secret: the secrets moved, or the keychain went away. */
  async refreshSecretFlags(): Promise<void> {
    await Promise.all(this.records.map((r) => this.refreshSecretFlag(r)));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    for (const l of this.listeners) l();
  }

  private async refreshSecretFlag(r: ManagerRecord) {
    const account = r.auth.kind === 'password' ? secretAccount.password(r.id) : secretAccount.pat(r.id);
    try {
      this.secretFlags.set(r.id, (await this.secrets.get(account)) !== null);
    } catch {
      this.secretFlags.set(r.id, false);
    }
  }

  all(): readonly ManagerRecord[] {
    return this.records;
  }

  get(id: string): ManagerRecord {
    const r = this.records.find((m) => m.id === id);
    if (!r) throw new DeskError('not_found', `No manager with id ${id} is configured`);
    return r;
  }

  view(r: ManagerRecord): ManagerView {
    const hasSecret = this.secretFlags.get(r.id) ?? false;
    const session = this.clients.get(r.id)?.auth.session() ?? null;
    return {
      id: r.id,
      name: r.name,
      baseUrl: r.baseUrl,
      auth:
        r.auth.kind === 'password'
          ? {
              kind: 'password',
              username: r.auth.username,
              hasPassword: hasSecret,
              session: session
                ? {
                    expiresAt: session.expiresAt,
                    refreshableUntil: new Date(session.origIat * 1000 + 7 * 86400_000).toISOString(),
                    userId: session.userId,
                  }
                : null,
            }
          : { kind: 'pat', hasToken: hasSecret, tokenExpiresAt: r.auth.tokenExpiresAt },
      caCertPath: r.caCertPath,
      skipTlsVerify: r.skipTlsVerify,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      lastReport: r.lastReport,
      secretKept: hasSecret ? this.kept() : null,
    };
  }

  list(): ManagerView[] {
    return this.records.map((r) => this.view(r));
  }

  private assertUniqueName(name: string, exceptId?: string) {
    if (this.records.some((r) => r.id !== exceptId && r.name.toLowerCase() === name.toLowerCase())) {
      throw new DeskError('invalid_input', `A manager named "${name}" already exists; choose another display name`, { field: 'name' });
    }
  }

  private async storeSecret(id: string, input: ParsedInput) {
    if (input.auth.kind === 'password' && input.auth.password !== undefined) {
      await this.secrets.set(secretAccount.password(id), input.auth.password);
    }
    if (input.auth.kind === 'pat' && input.auth.token !== undefined) {
      await this.secrets.set(secretAccount.pat(id), input.auth.token);
    }
  }

  private async dropSecrets(id: string, keep?: 'password' | 'pat') {
    if (keep !== 'password') await this.secrets.delete(secretAccount.password(id));
    if (keep !== 'pat') await this.secrets.delete(secretAccount.pat(id));
    await this.secrets.delete(secretAccount.session(id));
  }

  async add(raw: ParsedInput): Promise<ManagerView> {
    const input = ManagerInput.parse(raw);
    this.assertUniqueName(input.name);
    if (input.auth.kind === 'password' && !input.auth.password) {
      throw new DeskError('invalid_input', 'Password is required', { field: 'auth.password' });
    }
    if (input.auth.kind === 'pat' && !input.auth.token) {
      throw new DeskError('invalid_input', 'Personal access token is required', { field: 'auth.token' });
    }
    const now = new Date(this.now()).toISOString();
    const record: ManagerRecord = {
      id: randomUUID(),
      name: input.name,
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      auth: authRecord(input.auth),
      caCertPath: input.caCertPath,
      skipTlsVerify: input.skipTlsVerify,
      createdAt: now,
      updatedAt: now,
      lastReport: null,
    };
    // Secret first: a record without its secret is recoverable, a secret without a record is not visible.
    await this.storeSecret(record.id, input);
    this.secretFlags.set(record.id, true);
    this.records = [...this.records, record];
    await this.persist();
    return this.view(record);
  }

  async update(id: string, raw: ParsedInput): Promise<ManagerView> {
    const input = ManagerInput.parse(raw);
    const old = this.get(id);
    this.assertUniqueName(input.name, id);
    const secretGiven = input.auth.kind === 'password' ? input.auth.password !== undefined : input.auth.token !== undefined;
    const retype = secretRetypeReason(old, input);
    if (retype && !secretGiven) throw new DeskError('invalid_input', retype, { field: input.auth.kind === 'password' ? 'auth.password' : 'auth.token' });
    await this.storeSecret(id, input);
    if (retype || secretGiven || old.baseUrl !== input.baseUrl) {
      await this.dropSecrets(id, input.auth.kind);
      if (secretGiven) this.secretFlags.set(id, true);
      else await this.refreshSecretFlag({ ...old, auth: authRecord(input.auth) });
    }
    const record: ManagerRecord = {
      ...old,
      name: input.name,
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      auth: authRecord(input.auth, old.auth.kind === 'pat' && !secretGiven ? old.auth.tokenExpiresAt : null),
      caCertPath: input.caCertPath,
      skipTlsVerify: input.skipTlsVerify,
      updatedAt: new Date(this.now()).toISOString(),
      lastReport: null,
    };
    this.records = this.records.map((r) => (r.id === id ? record : r));
    await this.dropClient(id);
    await this.persist();
    return this.view(record);
  }

  async remove(id: string): Promise<void> {
    this.get(id);
    await this.dropSecrets(id);
    this.records = this.records.filter((r) => r.id !== id);
    this.secretFlags.delete(id);
    await this.dropClient(id);
    await this.persist();
  }

  /** Keep a session signed in for this manager elsewhere (its form's connection test). */
  async adoptSession(id: string, session: StoredSession): Promise<void> {
    this.get(id);
    await keychainCredentials(this.secrets, id).saveSession(session);
  }

  /** Record when a manager's token expires, once it has been found out. */
  async setTokenExpiry(id: string, expiresAt: string): Promise<void> {
    const r = this.get(id);
    if (r.auth.kind !== 'pat' || r.auth.tokenExpiresAt === expiresAt) return;
    this.records = this.records.map((x) => (x.id === id ? { ...x, auth: { kind: 'pat', tokenExpiresAt: expiresAt } } : x));
    await this.persist();
  }

  async saveReport(id: string, report: ConnectionReport): Promise<void> {
    if (!this.records.some((r) => r.id === id)) return;
    this.records = this.records.map((r) => (r.id === id ? { ...r, lastReport: report } : r));
    await this.persist();
  }

  private async persist() {
    await this.file.save({ version: 1, managers: this.records });
    this.changed();
  }

  private async dropClient(id: string) {
    const client = this.clients.get(id);
    this.clients.delete(id);
    this.building.delete(id);
    await client?.close();
  }

  static authSpec(r: { auth: { kind: 'password'; username: string } | { kind: 'pat' } }): AuthSpec {
    return r.auth.kind === 'password' ? { kind: 'password', username: r.auth.username } : { kind: 'pat' };
  }

  static async readCa(path: string | null, managerName: string): Promise<string | null> {
    if (!path) return null;
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      throw new DeskError('tls', `${managerName}: the CA certificate file ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
        field: 'caCertPath',
      });
    }
  }

  /** The live client of a saved manager; rebuilt after every edit. */
  client(id: string): Promise<ManagerClient> {
    const existing = this.clients.get(id);
    if (existing) return Promise.resolve(existing);
    // Callers at the same moment share one client, so one session and one sign-in: a manager
    // refuses a second sign-in of the same user that follows the first too closely.
    let pending = this.building.get(id);
    if (!pending) {
      const built = this.build(id);
      pending = built.finally(() => {
        if (this.building.get(id) === pending) this.building.delete(id);
      });
      this.building.set(id, pending);
    }
    return pending;
  }

  private async build(id: string): Promise<ManagerClient> {
    const r = this.get(id);
    const caCert = await ManagerRegistry.readCa(r.caCertPath, r.name);
    // Edited while the CA file was read: this client would be stale, so build the edited one.
    if (this.get(id).updatedAt !== r.updatedAt) return this.build(id);
    const client = new ManagerClient(
      { name: r.name, baseUrl: r.baseUrl, caCert, skipTlsVerify: r.skipTlsVerify },
      ManagerRegistry.authSpec(r),
      keychainCredentials(this.secrets, id),
      this.now,
    );
    this.clients.set(id, client);
    return client;
  }

  /**
   * The stored credentials of a saved manager, for testing an edited form, but only where they were
   * entered for: never for another origin, another kind of login or another user.
   */
  storedCredentialsFor(id: string, input: { baseUrl: string; auth: ParsedInput['auth'] }) {
    return secretRetypeReason(this.get(id), input) ? undefined : keychainCredentials(this.secrets, id);
  }

  async dispose() {
    await Promise.all([...this.clients.keys()].map((id) => this.dropClient(id)));
  }
}
