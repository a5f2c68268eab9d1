const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

/**
 * electron-builder `beforePack`: refuse to pack an app whose keychain binary is missing. npm installs
 * only the @napi-rs/keyring binary of the machine it runs on, so an installer for another platform or
 * architecture (a macOS x64 dmg built on Apple silicon) would start without a keychain.
 */
const ARCH = ['ia32', 'x64', 'arm', 'arm64', 'universal']; // electron-builder's Arch enum, in order
const PLATFORM = { darwin: 'darwin', mas: 'darwin', linux: 'linux', win32: 'win32' };

/** The binary packages that serve a platform and architecture (any libc on Linux). */
function keyringPackages(platform, arch, nodeModules) {
  const dir = join(nodeModules, '@napi-rs');
  const installed = existsSync(dir) ? readdirSync(dir) : [];
  const archs = arch === 'universal' ? ['x64', 'arm64'] : [arch];
  return archs.map((a) => {
    const prefix = `keyring-${PLATFORM[platform] ?? platform}-${a}`;
    return { arch: a, name: `@napi-rs/${prefix}`, found: installed.filter((n) => n === prefix || n.startsWith(`${prefix}-`)) };
  });
}

function missingKeyring(platform, arch, nodeModules) {
  return keyringPackages(platform, arch, nodeModules).filter((p) => p.found.length === 0);
}

module.exports = async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH[context.arch];
  const missing = missingKeyring(platform, arch, join(context.packager.projectDir, 'node_modules'));
  if (missing.length) {
    throw new Error(
      `The keychain binary for ${platform}-${missing.map((m) => m.arch).join('+')} is not installed (npm installs only this machine's, ${process.platform}-${process.arch}): ` +
        `build this installer on a ${platform} ${missing.map((m) => m.arch).join('/')} machine.`,
    );
  }
};
module.exports.missingKeyring = missingKeyring;
