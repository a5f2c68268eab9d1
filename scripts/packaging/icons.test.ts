import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { ICNS_TYPES, ICO_SIZES, LINUX_SIZES, renderPng, writeIcons } from './icons.mjs';

const root = join(import.meta.dirname, '../..');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk; throws on anything that is not a PNG. */
function pngSize(png: Buffer) {
  if (!png.subarray(0, 8).equals(PNG_MAGIC)) throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The entries of an ICNS file, read back by its own layout. */
function readIcns(file: Buffer) {
  expect(file.toString('latin1', 0, 4)).toBe('icns');
  expect(file.readUInt32BE(4)).toBe(file.length);
  const entries: { type: string; size: number }[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at + 4);
    entries.push({ type: file.toString('latin1', at, at + 4), size: pngSize(file.subarray(at + 8, at + length)).width });
    at += length;
  }
  return entries;
}

/** The images of an ICO file: the directory's declared size and the PNG's real size. */
function readIco(file: Buffer) {
  expect(file.readUInt16LE(2)).toBe(1);
  return Array.from({ length: file.readUInt16LE(4) }, (_, i) => {
    const e = 6 + 16 * i;
    const declared = file.readUInt8(e) || 256;
    const png = file.subarray(file.readUInt32LE(e + 12), file.readUInt32LE(e + 12) + file.readUInt32LE(e + 8));
    return { declared, real: pngSize(png) };
  });
}

describe('app icons rendered from resources/icon.svg', () => {
  let dir: string;
  beforeAll(() => {
    dir = writeIcons(join(root, 'resources/icon.svg'), join(mkdtempSync(join(tmpdir(), 'desk-icons-')), 'icons'));
  });

  it('writes one square PNG per Linux size, named the way the hicolor theme wants', () => {
    expect(readdirSync(join(dir, 'png')).sort()).toEqual(LINUX_SIZES.map((s) => `${s}x${s}.png`).sort());
    for (const s of LINUX_SIZES) expect(pngSize(readFileSync(join(dir, 'png', `${s}x${s}.png`)))).toEqual({ width: s, height: s });
  });

  it('writes an ICNS whose entries hold PNGs of the size their type means, up to 1024 px', () => {
    const entries = readIcns(readFileSync(join(dir, 'icon.icns')));
    expect(entries).toEqual(ICNS_TYPES.map(([type, size]) => ({ type, size })));
    expect(Math.max(...entries.map((e) => e.size))).toBe(1024);
  });

  it('writes an ICO with every Windows size up to 256 px, each declared as it really is', () => {
    const images = readIco(readFileSync(join(dir, 'icon.ico')));
    expect(images.map((i) => i.declared)).toEqual(ICO_SIZES);
    for (const i of images) expect(i.real).toEqual({ width: i.declared, height: i.declared });
  });

  it('draws the icon, not an empty canvas: a transparent rounded corner and a painted middle', () => {
    const pixels = new Resvg(readFileSync(join(root, 'resources/icon.svg')), { fitTo: { mode: 'width', value: 64 } }).render().pixels;
    const alpha = (x: number, y: number) => pixels[(y * 64 + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(32, 5)).toBe(255);
    expect(readFileSync(join(dir, 'png', '64x64.png')).equals(renderPng(readFileSync(join(root, 'resources/icon.svg')), 64))).toBe(true);
  });
});
