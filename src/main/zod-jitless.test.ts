import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe('zod without compiled parsers', () => {
  it('is imported before anything else by the back end and the Electron entry, since zod decides as a schema is built', () => {
    const firstImport = (file: string) => /^import .*$/m.exec(readFileSync(join(__dirname, file), 'utf8'))?.[0];
    expect(firstImport('backend.ts')).toBe("import './zod-jitless';");
    expect(firstImport('electron/main.ts')).toBe("import '../zod-jitless';");
  });

  it('turns the compiler off', async () => {
    await import('./zod-jitless');
    expect(z.config().jitless).toBe(true);
  });
});
