import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { KeychainStore } from '../../src/main/secrets/keychain-store';
import { probeKeychain } from '../../src/main/secrets/secret-vault';
import { skipBecause } from '../helpers/skip';

const root = join(import.meta.dirname, '../..');

// Runs against a real Secret Service: `npm test` starts gnome-keyring on a private D-Bus session.
describe('the OS keychain (@napi-rs/keyring, keytar API) against the Secret Service', () => {
  const service = `dragonfly-desk-test-${randomUUID()}`;
  const store = new KeychainStore(service);
  beforeEach((ctx) => {
    if (process.env.DESK_NO_KEYCHAIN) skipBecause(ctx, `no Secret Service for the keychain tests: ${process.env.DESK_NO_KEYCHAIN}`);
  });

  it('needs a session bus (npm test provides one)', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS, 'run through `npm test`, which starts D-Bus and gnome-keyring').toBeTruthy();
  });

  it('stores, reads, replaces, lists and deletes a secret', async () => {
    expect(await store.get('manager:a:password')).toBeNull();
    await store.set('manager:a:password', 'pässwörd-✓');
    expect(await store.get('manager:a:password')).toBe('pässwörd-✓');
    await store.set('manager:a:password', 'second');
    expect(await store.get('manager:a:password')).toBe('second');
    expect(await store.entries()).toEqual([{ account: 'manager:a:password', value: 'second' }]);
    await store.delete('manager:a:password');
    expect(await store.get('manager:a:password')).toBeNull();
  });

  it('keeps the item where other tools see it: in the keyring, under the app service', async () => {
    await store.set('manager:b:pat', 'token-value-visible-to-secret-tool');
    // keyring-rs names the account `username` (keytar named it `account`).
    const out = execFileSync('secret-tool', ['lookup', 'service', service, 'username', 'manager:b:pat'], { encoding: 'utf8' });
    await store.delete('manager:b:pat');
    expect(out).toBe('token-value-visible-to-secret-tool');
  });

  it('deleting a secret that is not there is not an error', async () => {
    await expect(store.delete('manager:none:password')).resolves.toBeUndefined();
  });

  it('is found usable by the start-up check, which leaves nothing behind', async () => {
    expect(await probeKeychain(store)).toEqual({ available: true, reason: null });
    expect(await store.entries()).toEqual([]);
  });
});

describe('the OS keychain where there is no D-Bus at all', () => {
  it('is found unusable at once, with the keychain’s own reason', () => {
    // A process with no session bus, as on a server, in a container or over SSH.
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'desk-nobus-')) };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const script = `
      const { KeychainStore } = require('./src/main/secrets/keychain-store.ts');
      const { probeKeychain } = require('./src/main/secrets/secret-vault.ts');
      probeKeychain(new KeychainStore('dragonfly-desk-test-nobus')).then((p) => console.log(JSON.stringify(p)));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const probe = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { available: boolean; reason: string };
    expect(probe.available).toBe(false);
    expect(probe.reason).toMatch(/Couldn't access platform storage|D-Bus|zbus/);
  });
});
