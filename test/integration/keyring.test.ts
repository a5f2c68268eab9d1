import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeytarStore } from '../../src/main/secrets/keytar-store';

// Runs against a real Secret Service: `npm test` starts gnome-keyring on a private D-Bus session.
describe('keytar against the Secret Service', () => {
  const service = `dragonfly-desk-test-${randomUUID()}`;
  const store = new KeytarStore(service);

  it('needs a session bus (npm test provides one)', () => {
    expect(process.env.DBUS_SESSION_BUS_ADDRESS, 'run through `npm test`, which starts D-Bus and gnome-keyring').toBeTruthy();
  });

  it('stores, reads, replaces and deletes a secret', async () => {
    expect(await store.get('manager:a:password')).toBeNull();
    await store.set('manager:a:password', 'pässwörd-✓');
    expect(await store.get('manager:a:password')).toBe('pässwörd-✓');
    await store.set('manager:a:password', 'second');
    expect(await store.get('manager:a:password')).toBe('second');
    await store.delete('manager:a:password');
    expect(await store.get('manager:a:password')).toBeNull();
  });

  it('keeps the item where other tools see it: in the keyring, under the app service', async () => {
    await store.set('manager:b:pat', 'token-value-visible-to-secret-tool');
    const out = execFileSync('secret-tool', ['lookup', 'service', service, 'account', 'manager:b:pat'], { encoding: 'utf8' });
    expect(out).toBe('token-value-visible-to-secret-tool');
    await store.delete('manager:b:pat');
  });

  it('deleting a secret that is not there is not an error', async () => {
    await expect(store.delete('manager:none:password')).resolves.toBeUndefined();
  });
});
