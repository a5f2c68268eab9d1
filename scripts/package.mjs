import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import helpers from './electron-binary.cjs';
import { writeIcons } from './packaging/icons.mjs';

/**
 * `npm run package`: build, render the icons from resources/icon.svg into build/icons, then let
 * electron-builder (electron-builder.config.cjs) make the installers of the platform it runs on, into
 * dist/. Arguments after `--` go to electron-builder (`-- --linux deb`, `-- --dir`, `-- --mac`).
 * electron-builder downloads Electron and, for Linux packages, fpm and the AppImage tools; where fpm
 * cannot be downloaded, `CUSTOM_FPM_PATH=scripts/packaging/fpm-deb.mjs` packs the deb with dpkg-deb.
 */
const { root } = helpers;
const run = (title, args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm run package: ${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
};

run('the build', [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
writeIcons(join(root, 'resources/icon.svg'), join(root, 'build/icons'));
console.log('Icons rendered from resources/icon.svg into build/icons.');
run('electron-builder', [join(root, 'node_modules/electron-builder/cli.js'), '--config', 'electron-builder.config.cjs', '--publish', 'never', ...process.argv.slice(2)]);
