import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { KeychainStore } from '../../src/main/secrets/keychain-store';
import { secretAccount } from '../../src/main/secrets/secret-store';
import { dispatch } from '../../src/main/transports/dispatch';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { startSim } from '../helpers/sim';

const PASSWORD = 'Ops-Secret-77';
const NEW_PASSWORD = 'Ops-Secret-88';
const PAT = 'cGF0LXNlY3JldC10b2tlbi0xMjM0NTY3ODkw';
// Seeded jobs carry these in their args, as real managers store them.
const REGISTRY_SECRETS = ['registry-secret-pw', 'registry-pull-token-42'];
// A job whose URL is presigned and carries userinfo, with a credential header no denylist would know.
const URL_SECRETS = ['AKIAFUZZCREDENTIAL', 'presigned-sig-9f8e7d', 'userinfo-pw-31'];
const SIGNED_URL = `https://bucket.s3.example.com/models/w.bin?X-Amz-Credential=${URL_SECRETS[0]}&X-Amz-Signature=${URL_SECRETS[1]}`;
const USERINFO_URL = `https://ops:${URL_SECRETS[2]}@files.example.com/w.bin`;
const HEADER_SECRET = 'x-registry-auth-value-777';
const JWT_SHAPE = /eyJ[\w-]+\.eyJ[\w-]+\./;

let sim: Simulator;
let backend: Backend;
let dataDir: string;
const secrets = new KeychainStore(`dragonfly-desk-test-${randomUUID()}`);
const sent: string[] = [];

/** Everything the UI would receive: every call's result and every pushed event, as serialised. */
async function ui(name: string, input: unknown) {
  const res = await dispatch(backend.handlers, name, input);
  sent.push(JSON.stringify(res));
  return res as { ok: boolean; value?: any; message?: string };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  sim = await startSim([{ name: 'eu', jobs: 60 }, { name: 'us', jobs: 30 }]);
  sim.get('eu').addUser('ops', PASSWORD, 'root');
  sim.get('us').addPat({ token: PAT });
  dataDir = mkdtempSync(join(tmpdir(), 'desk-secrets-'));
  backend = await createBackend({ dataDir, keychain: secrets, transport: 'web', version: 'test', watch: { busyMs: 200, idleMs: 200 } });
  backend.subscribe((event, payload) => sent.push(JSON.stringify({ event, payload })));
});

afterAll(async () => {
  await backend.dispose();
  await sim.close();
});

describe('secrets never leave the main process', () => {
  it('goes through every flow the UI has, then finds no secret in anything sent or written', async () => {
    const eu = await ui('managers.add', { name: 'eu', baseUrl: sim.get('eu').url, auth: { kind: 'password', username: 'ops', password: PASSWORD } });
    const us = await ui('managers.add', { name: 'us', baseUrl: sim.get('us').url, auth: { kind: 'pat', token: PAT } });
    expect(eu.ok && us.ok).toBe(true);
    await ui('managers.test', { id: eu.value.id });
    await ui('managers.test', { id: us.value.id });
    await ui('managers.test', { input: { name: 'draft', baseUrl: sim.get('eu').url, auth: { kind: 'password', username: 'ops', password: PASSWORD } } });
    await ui('jobs.refresh', {});
    const page = await ui('jobs.query', { filter: {}, offset: 0, limit: 500 });
    expect(page.value.total).toBe(90);

    // Open every job whose stored args hold registry credentials.
    const euSim = sim.get('eu');
    const signed = euSim.insertJob({
      createdAt: euSim.clock.now(),
      patchedAt: null,
      pollerLostAt: null,
      taskId: 'group_signed',
      bio: 'presigned',
      type: 'preheat',
      userId: 1,
      clusterIds: [1],
      args: { type: 'file', urls: [SIGNED_URL, USERINFO_URL], scope: 'all_seed_peers', headers: { 'X-Registry-Auth': HEADER_SECRET } },
      tasks: [{ clusterId: 1, taskUuid: 'task_signed', doneAfterS: 5, outcome: { kind: 'success', succeeded: [], failed: [{ url: SIGNED_URL, hostname: 'seed-1', ip: '10.0.0.1', description: `GET ${USERINFO_URL} failed: 403` }] } }],
    } as never);
    euSim.clock.advance(31_000);
    const withCreds = [...euSim.jobs.values()].filter((j) => j.args.password || j.args.headers).slice(0, 5);
    expect(withCreds.length).toBeGreaterThan(0);
    for (const j of [...withCreds, signed]) {
      const d = await ui('jobs.get', { managerId: eu.value.id, jobId: j.id });
      expect(d.ok).toBe(true);
    }
    await ui('jobs.refresh', {});
    await ui('failures.export', { filter: {}, format: 'json' });
    await ui('preheats.fromJob', { managerId: eu.value.id, jobId: signed.id, mode: 'duplicate' });
    // Acting on jobs: find, describe, export, delete; what any of them answers is checked below.
    expect((await ui('jobs.find', { jobId: signed.id })).value.found).toHaveLength(1);
    expect((await ui('jobs.describe', { managerId: eu.value.id, jobId: signed.id, description: 'presigned, renamed' })).ok).toBe(true);
    for (const format of ['csv', 'json']) expect((await ui('jobs.export', { filter: {}, format })).value.count).toBeGreaterThan(90);
    expect((await ui('jobs.delete', { refs: [{ managerId: eu.value.id, jobId: withCreds[0]!.id }] })).value.done).toHaveLength(1);
    await ui('notifications.mute', { managerId: eu.value.id, until: null });
    await ui('preheats.forgetRegistryPassword', { registry: 'registry.example.com', username: 'ops' });

    // Change the password: the new one goes to the keychain only.
    euSim.users.find((u) => u.name === 'ops')!.password = NEW_PASSWORD;
    const upd = await ui('managers.update', { id: eu.value.id, input: { name: 'eu', baseUrl: euSim.url, auth: { kind: 'password', username: 'ops', password: NEW_PASSWORD } } });
    expect(upd.ok).toBe(true);
    await ui('managers.test', { id: eu.value.id });
    const list = await ui('managers.list', {});
    expect(list.value.map((m: { lastReport: { credentials: { ok: boolean } } }) => m.lastReport?.credentials?.ok)).toEqual([true, true]);
    await new Promise((r) => setTimeout(r, 600));
    await backend.dispose();

    // The secrets really are in the keychain.
    expect(await secrets.get(secretAccount.password(eu.value.id))).toBe(NEW_PASSWORD);
    expect(await secrets.get(secretAccount.pat(us.value.id))).toBe(PAT);

    const forbidden = [PASSWORD, NEW_PASSWORD, PAT, ...REGISTRY_SECRETS, ...URL_SECRETS, HEADER_SECRET];
    const everythingSent = sent.join('\n');
    expect(sent.length).toBeGreaterThan(15);
    for (const s of forbidden) expect(everythingSent, `the UI received ${s}`).not.toContain(s);
    expect(everythingSent).not.toMatch(JWT_SHAPE);

    const files = filesUnder(dataDir);
    expect(files.map((f) => f.slice(dataDir.length))).toEqual(expect.arrayContaining(['/managers.json', '/logs/desk.log']));
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const s of forbidden) expect(text, `${f} holds ${s}`).not.toContain(s);
      expect(text, `${f} holds a JWT`).not.toMatch(JWT_SHAPE);
    }
  });
});
