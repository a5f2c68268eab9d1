import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/**
 * Every app icon the installers need, rendered from the one source `resources/icon.svg`:
 * - Linux: `png/<n>x<n>.png` (electron-builder installs them into the hicolor theme);
 * - macOS: `icon.icns`, PNG entries from 16 to 1024 px (512@2x);
 * - Windows: `icon.ico`, PNG entries from 16 to 256 px (NSIS and the executable need 256).
 * They are build output (written by `npm run package`, not committed), so the SVG stays the only source.
 */
// hicolor's own sizes: its index.theme stops at 512.
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS entry types with the pixel size each holds (Apple's PNG-encoded types). */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

/** An ICNS file: 'icns' + total length, then one entry per type: type + length + PNG bytes. */
export function encodeIcns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

/** An ICO file with PNG-compressed images (Windows Vista and later read these at every size). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const dir = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...dir, ...images.map((i) => i.png)]);
}

/** Render the SVG into `outDir` (emptied first): png/<n>x<n>.png, icon.icns, icon.ico. */
export function writeIcons(svgPath, outDir) {
  const svg = readFileSync(svgPath);
  const cache = new Map();
  const png = (size) => {
    if (!cache.has(size)) cache.set(size, renderPng(svg, size));
    return cache.get(size);
  };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'png'), { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(join(outDir, 'png', `${size}x${size}.png`), png(size));
  writeFileSync(join(outDir, 'icon.icns'), encodeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: png(size) }))));
  writeFileSync(join(outDir, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
  return outDir;
}
