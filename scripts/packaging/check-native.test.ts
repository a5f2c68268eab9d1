import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const beforePack = createRequire(import.meta.url)('./check-native.cjs');

function nodeModules(...packages: string[]) {
  const dir = join(mkdtempSync(join(tmpdir(), 'desk-native-')), 'node_modules');
  for (const p of packages) mkdirSync(join(dir, '@napi-rs', p), { recursive: true });
  return dir;
}
const context = (platform: string, arch: number, dir: string) => ({ electronPlatformName: platform, arch, packager: { projectDir: join(dir, '..') } });

describe('beforePack: the keychain binary of the target must be installed', () => {
  it('passes when the target platform and architecture have their binary (any libc on Linux)', async () => {
    const dir = nodeModules('keyring', 'keyring-linux-x64-gnu', 'keyring-darwin-arm64');
    await expect(beforePack(context('linux', 1, dir))).resolves.toBeUndefined();
    await expect(beforePack(context('darwin', 3, dir))).resolves.toBeUndefined();
  });

  it('refuses a dmg for the other Mac architecture, and a universal one missing half', async () => {
    const dir = nodeModules('keyring', 'keyring-darwin-arm64');
    await expect(beforePack(context('darwin', 1, dir))).rejects.toThrow(/keychain binary for darwin-x64 is not installed/);
    await expect(beforePack(context('darwin', 4, dir))).rejects.toThrow(/darwin-x64 is not installed/);
  });

  it('refuses a Windows installer built where only the Linux binary is installed', async () => {
    const dir = nodeModules('keyring', 'keyring-linux-x64-gnu');
    await expect(beforePack(context('win32', 1, dir))).rejects.toThrow(/win32-x64 is not installed/);
    expect(beforePack.missingKeyring('win32', 'arm64', dir)).toEqual([{ arch: 'arm64', name: '@napi-rs/keyring-win32-arm64', found: [] }]);
  });
});
