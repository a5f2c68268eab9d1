import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';

let backend: Backend;

beforeAll(async () => {
  backend = await createBackend({ dataDir: mkdtempSync(join(tmpdir(), 'desk-fg-')), keychain: null, transport: 'web', version: 'test' });
});

afterAll(async () => {
  await backend.dispose();
});

describe('a loading page and its calls', () => {
  it('reach the back end\'s foreground: a page load, and each call at its start and its end, a failed one too', async () => {
    const loading = vi.spyOn(backend.services.foreground, 'pageLoading');
    backend.pageLoading();
    expect(loading).toHaveBeenCalledTimes(1);
    const touch = vi.spyOn(backend.services.foreground, 'touch');
    await backend.call('app.info', {});
    expect(touch).toHaveBeenCalledTimes(2);
    await backend.call('no.such.call', {});
    expect(touch).toHaveBeenCalledTimes(4);
  });
});
