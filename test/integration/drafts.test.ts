import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { MemoryStore } from '../../src/main/secrets/memory-store';
import { dispatch } from '../../src/main/transports/dispatch';
import { emptySpec, type PreheatSpec } from '../../src/shared/preheat-spec';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { startSim } from '../helpers/sim';

/** Drafts and templates through the back end, as the form and the Drafts page use them. */
let sim: Simulator;
let dataDir: string;
let backend: Backend;
const keychain = new MemoryStore();
let managerId = '';
const SECRET = 'Bearer draft-secret-4711';

const open = () => createBackend({ dataDir, keychain, transport: 'web', version: 'test', watch: { busyMs: 3_600_000, idleMs: 3_600_000 } });
const call = async (name: string, input: unknown) => {
  const res = (await dispatch(backend.handlers, name, input)) as { ok: boolean; value?: any; message?: string; details?: any };
  return res;
};
const ok = async (name: string, input: unknown) => {
  const res = await call(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.message}`);
  return res.value;
};

function spec(): PreheatSpec {
  const s = emptySpec('file');
  s.description = 'nightly model warm-up';
  s.files = ['https://files.example.com/models/v1/w.bin'];
  s.targets = [{ managerId, clusterIds: [1] }];
  s.headers = [
    { name: 'Accept', value: '*/*' },
    { name: 'Authorization', value: SECRET },
  ];
  return s;
}

beforeAll(async () => {
  sim = await startSim([{ name: 'eu' }]);
  dataDir = mkdtempSync(join(tmpdir(), 'desk-drafts-'));
  backend = await open();
  managerId = (await ok('managers.add', { name: 'prod-eu', baseUrl: sim.get('eu').url, auth: { kind: 'password', username: 'root', password: 'dragonfly' } })).id;
  await ok('preheats.targets', { refresh: true });
});

afterAll(async () => {
  await backend.dispose();
  await sim.close();
});

describe('drafts', () => {
  it('are saved as typed, listed with their targets and readiness, and keep secret header values out of the file', async () => {
    const first = await ok('drafts.save', { spec: { ...spec(), files: [''] }, revision: 1 });
    let list = await ok('drafts.list', {});
    expect(list.openDraftId).toBe(first.id);
    expect(list.drafts[0]).toMatchObject({ id: first.id, name: 'nightly model warm-up', specKind: 'file', ready: false, missing: ['Add at least one URL to preheat'] });
    await ok('drafts.save', { id: first.id, spec: spec(), revision: 2 });
    // A save that arrives late never overwrites a newer one.
    await ok('drafts.save', { id: first.id, spec: { ...spec(), description: 'stale' }, revision: 2 });
    list = await ok('drafts.list', {});
    expect(list.drafts[0]).toMatchObject({ name: 'nightly model warm-up', ready: true, missing: [], targets: [{ managerName: 'prod-eu', clusters: [{ id: 1, name: 'eu-a' }] }] });
    const file = readFileSync(join(dataDir, 'drafts', `${first.id}.json`), 'utf8');
    expect(file).not.toContain('draft-secret-4711');
    const view = await ok('drafts.get', { id: first.id });
    expect(view.storedSecretHeaders).toEqual(['Authorization']);
    expect(JSON.stringify(view)).not.toContain('draft-secret-4711');
  });

  it('are renamed, duplicated, deleted and brought back', async () => {
    const id = (await ok('drafts.list', {})).drafts[0].id;
    expect((await ok('drafts.rename', { id, name: 'Friday release' })).name).toBe('Friday release');
    const copy = await ok('drafts.duplicate', { id });
    expect(copy.name).toBe('Friday release (copy)');
    const del = await ok('drafts.delete', { id: copy.id });
    expect(Date.parse(del.undoUntil)).toBeGreaterThan(Date.now());
    expect((await ok('drafts.list', {})).drafts.map((d: { id: string }) => d.id)).not.toContain(copy.id);
    await ok('drafts.restore', { id: copy.id });
    expect((await ok('drafts.list', {})).drafts.map((d: { id: string }) => d.id)).toContain(copy.id);
  });

  it('outlive a restart of the app, which reopens the draft that was open', async () => {
    const before = await ok('drafts.list', {});
    await backend.dispose();
    backend = await open();
    const after = await ok('drafts.list', {});
    expect(after.drafts.map((d: { id: string }) => d.id)).toEqual(before.drafts.map((d: { id: string }) => d.id));
    expect(after.openDraftId).toBe(before.openDraftId);
  });

  it('sends with the secret header the draft keeps, and is done once sent', async () => {
    const id = (await ok('drafts.list', {})).openDraftId as string;
    const view = await ok('drafts.get', { id });
    // The kept value is not in the spec the form gets; the preview knows the draft keeps it.
    expect(view.spec.headers).toEqual([{ name: 'Accept', value: '*/*' }, { name: 'Authorization', value: '' }]);
    expect((await ok('preheats.preview', { spec: view.spec, registryPasswordGiven: false, draftId: id })).issues).toEqual([]);
    expect((await ok('preheats.preview', { spec: view.spec, registryPasswordGiven: false })).issues).toEqual([
      { path: 'headers.1.value', message: 'Authorization needs a value (or remove the row)' },
    ]);
    const sub = await ok('preheats.submit', { spec: view.spec, rememberPassword: false, draftId: id });
    for (let i = 0; i < 100 && !(await ok('preheats.submission', { id: sub.id })).done; i++) await new Promise((r) => setTimeout(r, 50));
    const done = await ok('preheats.submission', { id: sub.id });
    const job = sim.get('eu').jobs.get(done.targets[0].jobId)!;
    expect(job.args.headers).toEqual({ Accept: '*/*', Authorization: SECRET });
    const list = await ok('drafts.list', {});
    expect(list.drafts.map((d: { id: string }) => d.id)).not.toContain(id);
    expect(list.openDraftId).toBeNull();
    expect(readdirSync(join(dataDir, 'drafts'))).not.toContain(`${id}.json`);
  });
});

describe('stored registry passwords', () => {
  it('are forgotten on request, and the preview no longer says one is stored', async () => {
    const s = emptySpec('image');
    s.image = { ...s.image, reference: 'registry.example.com/team/app:1', username: 'puller' };
    s.targets = [{ managerId, clusterIds: [1] }];
    const sub = await ok('preheats.submit', { spec: s, registryPassword: 'pull-secret-1', rememberPassword: true });
    for (let i = 0; i < 100 && !(await ok('preheats.submission', { id: sub.id })).done; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await ok('preheats.preview', { spec: s, registryPasswordGiven: false })).storedRegistryPassword).toBe(true);
    expect(await ok('preheats.forgetRegistryPassword', { registry: 'registry.example.com', username: 'puller' })).toEqual({ forgotten: true });
    expect((await ok('preheats.preview', { spec: s, registryPasswordGiven: false })).storedRegistryPassword).toBe(false);
    expect(await ok('preheats.forgetRegistryPassword', { registry: 'registry.example.com', username: 'puller' })).toEqual({ forgotten: false });
  });
});

describe('templates', () => {
  it('start drafts with their fields asked for and checked; sending the copy leaves the template', async () => {
    const s = spec();
    s.files = ['https://files.example.com/models/{{version}}/w.bin'];
    s.tag = '{{version}}';
    const draft = await ok('drafts.save', { spec: s, revision: 1 });
    const refused = await call('drafts.saveAsTemplate', { draftId: draft.id, name: 'warm-up', variables: [{ name: 'release', description: '', pattern: '' }] });
    expect(refused.message).toBe('The spec has no {{release}}: write it where the value goes');
    const tpl = await ok('drafts.saveAsTemplate', { draftId: draft.id, name: 'nightly model warm-up', variables: [{ name: 'version', description: 'Model version', pattern: 'v\\d+(\\.\\d+)*' }] });
    expect(tpl).toMatchObject({ kind: 'template', name: 'nightly model warm-up', variables: [{ name: 'version', description: 'Model version' }] });

    const empty = await call('drafts.fromTemplate', { templateId: tpl.id, values: {} });
    expect(empty.details.fields).toEqual([{ path: 'values.version', message: 'Model version is required' }]);
    const wrong = await call('drafts.fromTemplate', { templateId: tpl.id, values: { version: 'latest build' } });
    expect(wrong.details.fields).toEqual([{ path: 'values.version', message: 'Model version must match v\\d+(\\.\\d+)*' }]);
    const made = await ok('drafts.fromTemplate', { templateId: tpl.id, values: { version: 'v2.4' } });
    expect(made.spec.files).toEqual(['https://files.example.com/models/v2.4/w.bin']);
    expect(made.spec.tag).toBe('v2.4');
    expect(made).toMatchObject({ kind: 'draft', fromTemplate: tpl.id, ready: true, storedSecretHeaders: ['Authorization'] });
    await ok('preheats.submit', { spec: made.spec, rememberPassword: false, draftId: made.id });
    expect((await ok('drafts.list', {})).templates.map((t: { id: string }) => t.id)).toContain(tpl.id);
  });
});

describe('spec files', () => {
  it('export and import back equal, secrets aside; a secret header is asked for first', async () => {
    const saved = await ok('drafts.save', { spec: spec(), revision: 1 });
    const yaml = await ok('drafts.export', { ids: [saved.id], format: 'yaml' });
    expect(yaml.fileName).toBe('nightly-model-warm-up.yaml');
    expect(yaml.content).toContain('apiVersion: dragonfly-desk/v1');
    expect(yaml.content).toContain('manager: prod-eu');
    expect(yaml.content).not.toContain('draft-secret-4711');
    const asked = await ok('drafts.import', { fileName: yaml.fileName, content: yaml.content });
    expect(asked).toEqual({ status: 'needs-secrets', headers: ['Authorization'], warnings: [] });
    const done = await ok('drafts.import', { fileName: yaml.fileName, content: yaml.content, secrets: { Authorization: SECRET } });
    expect(done.status).toBe('imported');
    const back = await ok('drafts.get', { id: done.imported[0].id });
    const original = await ok('drafts.get', { id: saved.id });
    expect(back.spec).toEqual(original.spec);
    expect(back.storedSecretHeaders).toEqual(['Authorization']);
  });

  it('refuse a malformed file with the line and the field, and create nothing', async () => {
    const before = (await ok('drafts.list', {})).drafts.length;
    const res = await call('drafts.import', { fileName: 'bad.yaml', content: 'apiVersion: dragonfly-desk/v1\nkind: PreheatDraft\nspec:\n  kind: file\n  scope: nowhere\n' });
    expect(res).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(res.message).toMatch(/^bad\.yaml: line 5, scope: /);
    expect((await ok('drafts.list', {})).drafts.length).toBe(before);
  });
});
