import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { VersionedJsonFile } from './versioned-json';

const Schema = z.object({ version: z.literal(1), items: z.array(z.string()) });
const make = () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-vj-'));
  return { dir, file: new VersionedJsonFile(join(dir, 'data.json'), Schema, () => ({ version: 1 as const, items: [] })) };
};

describe('VersionedJsonFile', () => {
  it('starts empty and round-trips', async () => {
    const { file } = make();
    expect((await file.load()).value).toEqual({ version: 1, items: [] });
    await file.save({ version: 1, items: ['a'] });
    expect((await file.load()).value.items).toEqual(['a']);
  });

  it('leaves no temp files behind and keeps the last write', async () => {
    const { dir, file } = make();
    await Promise.all([1, 2, 3].map((n) => file.save({ version: 1, items: [String(n)] })));
    expect(readdirSync(dir)).toEqual(['data.json']);
    expect(JSON.parse(readFileSync(join(dir, 'data.json'), 'utf8')).items).toEqual(['3']);
  });

  it('sets a corrupt file aside and reports it, never overwriting it', async () => {
    const { dir, file } = make();
    writeFileSync(join(dir, 'data.json'), '{"version":1,"items":[');
    const res = await file.load();
    expect(res.value.items).toEqual([]);
    expect(res.setAside?.reason).toMatch(/not valid JSON/);
    const aside = readdirSync(dir).find((f) => f.startsWith('data.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{"version":1,"items":[');
  });

  it('sets aside a file of an unknown version', async () => {
    const { dir, file } = make();
    writeFileSync(join(dir, 'data.json'), '{"version":2,"items":[]}');
    expect((await file.load()).setAside?.reason).toMatch(/^version: /);
  });
});
