import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { Redactor } from './redact';

describe('desk.log', () => {
  it('rotates by size and keeps a bounded number of files, every line redacted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-log-'));
    const redactor = new Redactor();
    redactor.add('hunter2-secret');
    const log = createLogger(dir, redactor, { maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 200; i++) log(`line ${i} with hunter2-secret and padding to fill the file quickly`);
    const files = readdirSync(join(dir, 'logs')).sort();
    expect(files).toEqual(['desk.log', 'desk.log.1', 'desk.log.2']);
    for (const f of files) {
      expect(statSync(join(dir, 'logs', f)).size).toBeLessThanOrEqual(1000);
      expect(readFileSync(join(dir, 'logs', f), 'utf8')).not.toContain('hunter2-secret');
    }
    expect(readFileSync(join(dir, 'logs', 'desk.log'), 'utf8')).toContain('line 199');
  });
});
