import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { dispatch } from '../../src/main/transports/dispatch';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { startSim } from '../helpers/sim';

/**
 * A real manager refuses a user's sign-in for up to 30 s after another (its query cache): saving a form
 * right after its connection test must not need a second sign-in.
 */
let sim: Simulator;
let backend: Backend;
const call = (name: string, input: unknown) => dispatch(backend.handlers, name, input) as Promise<{ ok: boolean; value?: any; message?: string }>;
const signIns = () => sim.get('eu').requestLog.filter((r) => r.path === '/api/v1/users/signin').length;
const form = { name: 'prod-eu', baseUrl: '', auth: { kind: 'password', username: 'root', password: 'dragonfly' } };

beforeAll(async () => {
  sim = await startSim([{ name: 'eu', jobs: 3 }]);
  sim.get('eu').signInCacheMs = 60_000;
  form.baseUrl = sim.get('eu').url;
  backend = await createBackend({ dataDir: mkdtempSync(join(tmpdir(), 'desk-handover-')), keychain: null, transport: 'web', version: 'test', watch: { busyMs: 60_000, idleMs: 60_000 } });
});

afterAll(async () => {
  await backend.dispose();
  await sim.close();
});

describe('saving a tested form', () => {
  it('keeps the session its test signed in: the new card reports the sign-in, with one sign-in in all', async () => {
    const tested = await call('managers.test', { input: form });
    expect(tested.value.credentials).toMatchObject({ ok: true });
    const added = await call('managers.add', form);
    expect(added.ok).toBe(true);
    const report = await vi.waitFor(
      async () => {
        const view = (await call('managers.list', {})).value.find((m: { id: string }) => m.id === added.value.id);
        if (!view.lastReport) throw new Error('no report yet');
        return view.lastReport;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(report.credentials).toMatchObject({ ok: true, message: expect.stringContaining('Signed in as root') });
    expect(signIns()).toBe(1);
    // The card's own "Test" right after: the sign-in of a moment ago stands, and the report says when it was.
    const card = await call('managers.test', { id: added.value.id });
    expect(card.value.credentials).toMatchObject({ ok: true, message: expect.stringMatching(/^Signed in as root \d+ s ago \(root\)$/) });
    expect(signIns()).toBe(1);
    // So does the edit form's test with the saved password left as it is.
    const edited = await call('managers.test', { id: added.value.id, input: { ...form, auth: { kind: 'password', username: 'root' } } });
    expect(edited.value.credentials).toMatchObject({ ok: true, message: expect.stringContaining('s ago') });
    expect(signIns()).toBe(1);
    // The session is the manager's own now: its jobs load without signing in again.
    const refreshed = await call('jobs.refresh', {});
    expect(refreshed.value).toEqual({ refreshed: 1 });
    expect(signIns()).toBe(1);
  });
});
