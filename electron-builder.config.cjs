/**
 * electron-builder: the installers for Linux (deb, AppImage), macOS (dmg, x64 and arm64) and Windows
 * (NSIS). Name and version come from package.json; the icons from `npm run package`, which renders
 * them from resources/icon.svg into build/icons first. `npm run package` builds for the platform it runs
 * on; `npm run package -- --linux rpm` adds an rpm (it needs rpmbuild on the machine).
 */

// What the main process loads from node_modules at run time: the keychain's native module alone.
// electron-vite bundles the main process's pure-JS packages into out/main (electron.vite.config.ts)
// and the renderer's into out/renderer, so they stay out; the packaging test fails if out/main
// requires a package that is not listed here.
const MAIN_RUNTIME_PACKAGES = ['@napi-rs/keyring', '@napi-rs/keyring-*'];

const pkg = require('./package.json');

/** @type {import('electron-builder').Configuration} */
module.exports = {
  // productName and version are read from package.json; the id is the one the shell gives Windows.
  appId: `io.d7y.${pkg.name}`,
  copyright: 'Apache-2.0',
  directories: { output: 'dist', buildResources: 'build' },
  files: [
    'package.json',
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    '!**/*.map',
    '!node_modules/**',
    ...MAIN_RUNTIME_PACKAGES.map((p) => `node_modules/${p}/**`),
    '!node_modules/**/{README,CHANGELOG,HISTORY}*',
    '!node_modules/**/*.{md,map,ts,mts,cts}',
  ],
  // Tray images are read from process.resourcesPath/tray by the shell.
  extraResources: [{ from: 'resources/tray', to: 'tray', filter: ['*.png'] }],
  // A native module cannot be loaded from inside an asar archive.
  asarUnpack: ['node_modules/@napi-rs/keyring-*/**', '**/*.node'],
  // Every native part is a prebuilt N-API binary that Electron loads as it is: nothing to rebuild
  // (a rebuild would also fetch Electron's headers).
  npmRebuild: false,
  beforePack: './scripts/packaging/check-native.cjs',
  protocols: [{ name: 'Dragonfly Desk link', schemes: ['dragonfly-desk'] }],
  linux: {
    target: ['deb', 'AppImage'],
    executableName: 'dragonfly-desk',
    icon: 'build/icons/png',
    category: 'Network',
    synopsis: 'Every Dragonfly manager, preheat and failure in one place',
    maintainer: 'Dragonfly Desk <dragonfly-desk@d7y.io>',
    desktop: { entry: { StartupNotify: 'true' } },
  },
  deb: { packageName: 'dragonfly-desk' },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'build/icons/icon.icns',
    category: 'public.app-category.developer-tools',
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'build/icons/icon.ico',
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, include: 'scripts/packaging/installer.nsh' },
  publish: null,
};
