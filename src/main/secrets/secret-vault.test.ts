import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeskError } from '../../shared/result';
import { MemoryStore } from './memory-store';
import type { ListableSecretStore } from './secret-store';
import { SecretVault, type SecretPreference } from './secret-vault';

/** A keychain that can be switched off, failing the way the real one does. */
class FakeKeychain implements ListableSecretStore {
  readonly backend = 'OS keychain (fake)';
  readonly inner = new MemoryStore();
  down: string | null = null;
  private check() {
    if (this.down) throw new DeskError('keychain', `The OS keychain could not do it: ${this.down}`, { cause: this.down });
  }
  async get(a: string) {
    this.check();
    return this.inner.get(a);
  }
  async set(a: string, v: string) {
    this.check();
    return this.inner.set(a, v);
  }
  async delete(a: string) {
    this.check();
    return this.inner.delete(a);
  }
  async entries() {
    this.check();
    return this.inner.entries();
  }
}

function vaultWith(keychain: FakeKeychain | null, dataDir = mkdtempSync(join(tmpdir(), 'desk-vault-'))) {
  let preference: SecretPreference = 'keychain';
  let changes = 0;
  const vault = new SecretVault({
    keychain,
    dataDir,
    preference: () => preference,
    savePreference: async (p) => {
      preference = p;
    },
  });
  vault.onChange(() => changes++);
  return { vault, dataDir, changes: () => changes, preference: () => preference };
}

describe('SecretVault', () => {
  it('uses the keychain when it stores and gives back a secret, and leaves no probe behind', async () => {
    const kc = new FakeKeychain();
    const { vault } = vaultWith(kc);
    await vault.start();
    expect(vault.status()).toMatchObject({ mode: 'keychain', notice: null, keychain: { available: true } });
    await vault.set('manager:a:password', 'pw-1');
    expect(await kc.inner.entries()).toEqual([{ account: 'manager:a:password', value: 'pw-1' }]);
  });

  it('keeps secrets in memory and says why when the keychain cannot be used at start', async () => {
    const kc = new FakeKeychain();
    kc.down = "Couldn't access platform storage: AccessDenied";
    const { vault, dataDir } = vaultWith(kc);
    await vault.start();
    await vault.set('manager:a:password', 'pw-1');
    expect(await vault.get('manager:a:password')).toBe('pw-1');
    expect(vault.status()).toMatchObject({
      mode: 'memory',
      notice: "Credentials are kept until Dragonfly Desk quits: no OS keychain here (Couldn't access platform storage: AccessDenied).",
      canMoveToKeychain: false,
    });
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('falls back to memory when the keychain fails mid-run, and loses no write', async () => {
    const kc = new FakeKeychain();
    const { vault, changes } = vaultWith(kc);
    await vault.start();
    kc.down = 'Cannot autolaunch D-Bus without X11 $DISPLAY';
    await vault.set('manager:b:pat', 'tok');
    expect(vault.kept).toBe('memory');
    expect(changes()).toBe(1);
    expect(await vault.get('manager:b:pat')).toBe('tok');
  });

  it('offers to move memory into a keychain that works again, and moves every secret', async () => {
    const kc = new FakeKeychain();
    kc.down = 'no bus';
    const { vault } = vaultWith(kc);
    await vault.start();
    await vault.set('manager:a:password', 'pw-1');
    await vault.set('manager:a:session', '{"token":"jwt"}');
    kc.down = null;
    expect((await vault.recheck()).canMoveToKeychain).toBe(true);
    expect((await vault.use('keychain')).mode).toBe('keychain');
    expect(await kc.inner.get('manager:a:password')).toBe('pw-1');
    expect(await kc.inner.get('manager:a:session')).toBe('{"token":"jwt"}');
  });

  it('writes the opted-in file with mode 0600 and a warning, and keeps it across restarts', async () => {
    const kc = new FakeKeychain();
    kc.down = 'no bus';
    const first = vaultWith(kc);
    await first.vault.start();
    await first.vault.set('manager:a:password', 'pw-1');
    expect((await first.vault.use('file')).mode).toBe('file');
    expect(first.preference()).toBe('file');
    const path = join(first.dataDir, 'secrets.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('NOT ENCRYPTED');
    expect(JSON.parse(text).secrets).toEqual({ 'manager:a:password': 'pw-1' });

    const again = vaultWith(kc, first.dataDir);
    await again.vault.start();
    expect(again.vault.status().mode).toBe('file');
    expect(await again.vault.get('manager:a:password')).toBe('pw-1');
  });

  it('moves the file into the keychain once it works, then deletes the file', async () => {
    const kc = new FakeKeychain();
    const { vault, dataDir, preference } = vaultWith(kc);
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify({ warning: 'x', version: 1, secrets: { 'registry:r:u': 'reg-pw' } }), { mode: 0o600 });
    await vault.start();
    expect(vault.status()).toMatchObject({ mode: 'file', canMoveToKeychain: true });
    await vault.use('keychain');
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    expect(await kc.inner.get('registry:r:u')).toBe('reg-pw');
    expect(preference()).toBe('keychain');
  });

  it('a memory-only run never touches the keychain and refuses to move', async () => {
    const { vault } = vaultWith(null);
    await vault.start();
    expect(vault.status()).toMatchObject({ mode: 'memory', preference: 'memory' });
    await expect(vault.use('file')).rejects.toThrow(/--secrets memory/);
  });
});
