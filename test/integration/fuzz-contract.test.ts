import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { dispatch } from '../../src/main/transports/dispatch';
import { callNames, calls, type Handlers } from '../../src/shared/contract';
import { DeskError, ErrorCode } from '../../src/shared/result';

/**
 * Every contract call gets arbitrary JSON, and near misses of its own input shape: it must answer a
 * typed result, never crash or leave an unhandled rejection, and the back end must still answer after.
 */
let backend: Backend;
let guarded: Handlers;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

/** Fuzzed input must never make the app reach beyond loopback: a URL elsewhere is refused before the handler. */
function loopbackOnly(value: unknown): void {
  if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const host = URL.canParse(value) ? new URL(value).hostname : '';
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '') throw new DeskError('invalid_input', `fuzz guard: ${host} is not loopback`);
  }
  if (value && typeof value === 'object') for (const v of Object.values(value)) loopbackOnly(v);
}

/** The keys the call's input schema knows, so near misses get past the outer object. */
function keysOf(name: keyof typeof calls): string[] {
  const schema = calls[name].input as unknown as { shape?: Record<string, unknown>; _def?: { schema?: { shape?: Record<string, unknown> } } };
  return Object.keys(schema.shape ?? (schema as z.ZodObject).def?.shape ?? {});
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  backend = await createBackend({ dataDir: mkdtempSync(join(tmpdir(), 'desk-fuzz-')), keychain: null, transport: 'web', version: 'fuzz', watch: { busyMs: 3_600_000, idleMs: 3_600_000 } });
  guarded = Object.fromEntries(
    Object.entries(backend.handlers).map(([name, h]) => [
      name,
      async (input: unknown) => {
        loopbackOnly(input);
        return (h as (i: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as Handlers;
});

afterAll(async () => {
  await backend.dispose();
  process.off('unhandledRejection', onUnhandled);
});

describe('every contract call under arbitrary input', () => {
  it.each(callNames)('%s answers a typed result', async (name) => {
    const keys = keysOf(name);
    const nearMiss = keys.length ? fc.dictionary(fc.constantFrom(...keys), fc.jsonValue(), { maxKeys: keys.length }) : fc.constant({});
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), nearMiss, fc.constant(undefined)), async (input) => {
        const res = await dispatch(guarded, name, input);
        expect(typeof res.ok).toBe('boolean');
        if (!res.ok) {
          expect(ErrorCode.options).toContain(res.code);
          expect(res.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('leaves no unhandled rejection, and the back end still answers', async () => {
    await new Promise((r) => setTimeout(r, 200));
    expect(unhandled).toEqual([]);
    expect(await dispatch(backend.handlers, 'app.info', {})).toMatchObject({ ok: true });
    expect(await dispatch(backend.handlers, 'managers.list', {})).toMatchObject({ ok: true });
  });
});
