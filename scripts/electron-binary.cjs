const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const electronDir = join(root, 'node_modules', 'electron');

/** Where Electron's binary is, or why there is none. Shared by postinstall, start and the smoke spec. */
function electronBinary() {
  if (!existsSync(join(electronDir, 'package.json'))) return { path: null, reason: 'the electron package is not installed' };
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: "Electron's binary was not downloaded (npm install could not fetch it)" };
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { path: null, reason: `Electron's binary is missing at ${binary}` };
  return { path: binary, reason: null };
}

module.exports = { electronBinary, electronDir, root };
