import { randomUUID } from 'node:crypto';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { draftName, fillVariables, TemplateVariable, variablesIn, type DraftSummary, type DraftView, type SpecDocKind } from '../../shared/drafts';
import { isSafeHeader } from '../../shared/masking';
import type { ClusterRef } from '../../shared/models';
import { PreheatSpec, validateSpec } from '../../shared/preheat-spec';
import { DeskError } from '../../shared/result';
import type { SecretStore } from '../secrets/secret-store';
import { writeFileAtomic } from '../storage/atomic-file';

const SpecDoc = z.object({
  version: z.literal(1),
  id: z.string(),
  kind: z.enum(['draft', 'template']),
  /** Null: named after its content. */
  name: z.string().nullable(),
  /** Header values are emptied here; those not on the safe list wait in the secret store. */
  spec: PreheatSpec,
  secretHeaders: z.array(z.string()),
  variables: z.array(TemplateVariable),
  fromTemplate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Each save carries the form's count: an older one arriving late never overwrites a newer one. */
  revision: z.number(),
  /** Deleted, kept a while for undo. */
  deletedAt: z.string().nullable(),
});
type SpecDoc = z.infer<typeof SpecDoc>;

/** How long a deleted draft can be brought back. */
const UNDO_MS = 10 * 60_000;

export interface SpecDocsOptions {
  dataDir: string;
  secrets: SecretStore;
  /** Manager and cluster names, for the lists. */
  names: { manager(id: string): string | null; cluster(managerId: string, clusterId: number): string | null };
  now?: () => number;
}

const account = (id: string, header: string) => `spec:${id}:header:${header.trim().toLowerCase()}`;

/**
 * Drafts and templates, each its own versioned JSON file in `drafts/`, written atomically: a save is on
 * disk when it resolves, so a crash or kill -9 loses at most what the form had not sent yet (it saves
 * within half a second of the last keystroke). Secret header values never reach these files; a
 * registry password is never part of a spec at all (it stays a keychain reference per registry).
 */
export class SpecDocs {
  private readonly docs = new Map<string, SpecDoc>();
  private readonly dir: string;
  private readonly now: () => number;
  private readonly writes = new Map<string, Promise<void>>();
  notices: string[] = [];

  constructor(private readonly opts: SpecDocsOptions) {
    this.dir = join(opts.dataDir, 'drafts');
    this.now = opts.now ?? Date.now;
  }

  private path(id: string) {
    return join(this.dir, `${encodeURIComponent(id)}.json`);
  }

  async load(): Promise<void> {
    for (const name of (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'))) {
      const path = join(this.dir, name);
      try {
        const doc = SpecDoc.parse(JSON.parse(await readFile(path, 'utf8')));
        if (doc.deletedAt) await this.purge(doc);
        else this.docs.set(doc.id, doc);
      } catch (err) {
        const aside = `${path}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
        await rename(path, aside).catch(() => undefined);
        this.notices.push(`A draft could not be read (${(err as Error).message.split('\n')[0]}); it was set aside as ${aside}.`);
      }
    }
  }

  private write(doc: SpecDoc): Promise<void> {
    const data = `${JSON.stringify(doc, null, 1)}\n`;
    const next = (this.writes.get(doc.id) ?? Promise.resolve()).then(() => writeFileAtomic(this.path(doc.id), data));
    this.writes.set(
      doc.id,
      next.catch(() => undefined),
    );
    return next;
  }

  private doc(id: string, kind?: SpecDocKind): SpecDoc {
    const d = this.docs.get(id);
    if (!d || d.deletedAt || (kind && d.kind !== kind)) throw new DeskError('not_found', kind === 'template' ? 'No such template (it was deleted)' : 'No such draft (it was deleted or sent)');
    return d;
  }

  private summary(d: SpecDoc): DraftSummary {
    const issues = validateSpec(d.spec, { keptSecretHeaders: d.secretHeaders });
    const clusters = (managerId: string, ids: number[]): ClusterRef[] => ids.map((id) => ({ id, name: this.opts.names.cluster(managerId, id) }));
    return {
      id: d.id,
      kind: d.kind,
      name: d.name ?? draftName(d.spec),
      nameGiven: d.name !== null,
      specKind: d.spec.kind,
      targets: d.spec.targets.map((t) => ({ managerId: t.managerId, managerName: this.opts.names.manager(t.managerId) ?? 'a removed manager', clusters: clusters(t.managerId, t.clusterIds) })),
      updatedAt: d.updatedAt,
      ready: issues.length === 0 && d.kind === 'draft',
      missing: [...new Set(issues.map((i) => i.message))],
      variables: d.variables,
      fromTemplate: d.fromTemplate,
    };
  }

  list(kind: SpecDocKind): DraftSummary[] {
    return [...this.docs.values()]
      .filter((d) => d.kind === kind && !d.deletedAt)
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((d) => this.summary(d));
  }

  get(id: string): DraftView {
    const d = this.doc(id);
    return { ...this.summary(d), spec: d.spec, storedSecretHeaders: d.secretHeaders, revision: d.revision };
  }

  /** Move secret header values of a spec into the secret store; the stored spec keeps them empty. */
  private async keepSecrets(id: string, spec: PreheatSpec, previous: string[]): Promise<{ spec: PreheatSpec; secretHeaders: string[] }> {
    const secretHeaders: string[] = [];
    for (const h of spec.headers) {
      const name = h.name.trim();
      if (!name || isSafeHeader(name)) continue;
      if (h.value !== '') {
        await this.opts.secrets.set(account(id, name), h.value);
        secretHeaders.push(name);
      } else if (previous.some((p) => p.toLowerCase() === name.toLowerCase())) secretHeaders.push(name);
    }
    for (const gone of previous.filter((p) => !secretHeaders.some((s) => s.toLowerCase() === p.toLowerCase()))) await this.opts.secrets.delete(account(id, gone)).catch(() => undefined);
    return { spec: { ...spec, headers: spec.headers.map((h) => (isSafeHeader(h.name) ? h : { ...h, value: '' })) }, secretHeaders };
  }

  /** Save what the form holds: a new draft without an id. A save older than the stored revision is ignored. */
  async save(input: { id?: string; spec: PreheatSpec; revision: number }): Promise<{ id: string; revision: number; savedAt: string }> {
    const at = new Date(this.now()).toISOString();
    const existing = input.id ? this.doc(input.id) : null;
    if (existing && input.revision <= existing.revision) return { id: existing.id, revision: existing.revision, savedAt: existing.updatedAt };
    const id = existing?.id ?? randomUUID();
    const kept = await this.keepSecrets(id, input.spec, existing?.secretHeaders ?? []);
    const doc: SpecDoc = {
      version: 1,
      id,
      kind: existing?.kind ?? 'draft',
      name: existing?.name ?? null,
      spec: kept.spec,
      secretHeaders: kept.secretHeaders,
      variables: existing?.variables ?? [],
      fromTemplate: existing?.fromTemplate ?? null,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      revision: input.revision,
      deletedAt: null,
    };
    this.docs.set(id, doc);
    await this.write(doc);
    return { id, revision: doc.revision, savedAt: at };
  }

  async rename(id: string, name: string): Promise<DraftSummary> {
    const d = this.doc(id);
    const next = { ...d, name: name.trim() || null, updatedAt: new Date(this.now()).toISOString() };
    this.docs.set(id, next);
    await this.write(next);
    return this.summary(next);
  }

  /** A copy with its own id; secret header values are copied in the secret store too. */
  async duplicate(id: string, as: { kind?: SpecDocKind; name?: string | null; variables?: TemplateVariable[]; fromTemplate?: string | null } = {}): Promise<DraftSummary> {
    const d = this.doc(id);
    const copyId = randomUUID();
    for (const h of d.secretHeaders) {
      const value = await this.opts.secrets.get(account(id, h));
      if (value !== null) await this.opts.secrets.set(account(copyId, h), value);
    }
    const at = new Date(this.now()).toISOString();
    const copy: SpecDoc = {
      ...d,
      id: copyId,
      kind: as.kind ?? d.kind,
      name: as.name !== undefined ? as.name : d.name ? `${d.name} (copy)` : null,
      variables: as.variables ?? d.variables,
      fromTemplate: as.fromTemplate !== undefined ? as.fromTemplate : d.fromTemplate,
      createdAt: at,
      updatedAt: at,
      revision: 0,
    };
    this.docs.set(copyId, copy);
    await this.write(copy);
    return this.summary(copy);
  }

  /** Delete, with undo for ten minutes: the file stays, marked, until then. */
  async delete(id: string): Promise<{ id: string; undoUntil: string }> {
    const d = this.doc(id);
    const at = this.now();
    const next = { ...d, deletedAt: new Date(at).toISOString() };
    this.docs.set(id, next);
    await this.write(next);
    setTimeout(() => void this.purgeIfStillDeleted(id), UNDO_MS).unref?.();
    return { id, undoUntil: new Date(at + UNDO_MS).toISOString() };
  }

  async restore(id: string): Promise<DraftSummary> {
    const d = this.docs.get(id);
    if (!d?.deletedAt) throw new DeskError('not_found', 'This draft can no longer be brought back');
    const next = { ...d, deletedAt: null };
    this.docs.set(id, next);
    await this.write(next);
    return this.summary(next);
  }

  private async purgeIfStillDeleted(id: string) {
    const d = this.docs.get(id);
    if (d?.deletedAt) await this.purge(d);
  }

  /** Gone for good: the file and the secrets it referenced. */
  private async purge(d: SpecDoc) {
    this.docs.delete(d.id);
    for (const h of d.secretHeaders) await this.opts.secrets.delete(account(d.id, h)).catch(() => undefined);
    await this.writes.get(d.id);
    await rm(this.path(d.id), { force: true });
  }

  /** A draft that was sent: the outbox holds its spec now. */
  async sent(id: string) {
    const d = this.docs.get(id);
    if (d && d.kind === 'draft') await this.purge(d);
  }

  /** The spec to send: empty secret header values filled from what the draft keeps. */
  /** Secret headers whose values this draft keeps in the keychain (none for an unknown draft). */
  keptSecretHeaders(id: string): string[] {
    return this.docs.get(id)?.secretHeaders ?? [];
  }

  async specToSend(id: string, spec: PreheatSpec): Promise<PreheatSpec> {
    const d = this.docs.get(id);
    if (!d) return spec;
    const headers = await Promise.all(
      spec.headers.map(async (h) => (h.value === '' && d.secretHeaders.some((s) => s.toLowerCase() === h.name.trim().toLowerCase()) ? { ...h, value: (await this.opts.secrets.get(account(id, h.name))) ?? '' } : h)),
    );
    return { ...spec, headers };
  }

  /** Save a draft as a named template; `{{name}}` in its text marks the fields asked for each time. */
  async saveAsTemplate(draftId: string, name: string, variables: TemplateVariable[]): Promise<DraftSummary> {
    if (!name.trim()) throw new DeskError('invalid_input', 'A template needs a name', { fields: [{ path: 'name', message: 'A template needs a name' }] });
    const d = this.doc(draftId, 'draft');
    const used = variablesIn(d.spec);
    const described = new Map(variables.map((v) => [v.name, v]));
    const unknown = variables.filter((v) => !used.includes(v.name));
    if (unknown.length) {
      throw new DeskError('invalid_input', `The spec has no {{${unknown[0]!.name}}}: write it where the value goes`, { fields: unknown.map((v) => ({ path: `variables.${v.name}`, message: `{{${v.name}}} appears nowhere in the spec` })) });
    }
    return this.duplicate(draftId, { kind: 'template', name: name.trim(), variables: used.map((n) => described.get(n) ?? { name: n, description: '', pattern: '' }), fromTemplate: null });
  }

  /** A new draft from a template, each of its fields filled in and checked. */
  async fromTemplate(templateId: string, values: Record<string, string>): Promise<DraftView> {
    const t = this.doc(templateId, 'template');
    const problems: { path: string; message: string }[] = [];
    for (const v of t.variables) {
      const value = (values[v.name] ?? '').trim();
      if (!value) problems.push({ path: `values.${v.name}`, message: `${v.description || v.name} is required` });
      else if (v.pattern && !new RegExp(`^(?:${v.pattern})$`).test(value)) problems.push({ path: `values.${v.name}`, message: `${v.description || v.name} must match ${v.pattern}` });
      else if (/[\r\n]/.test(value)) problems.push({ path: `values.${v.name}`, message: `${v.description || v.name} must be a single line` });
    }
    if (problems.length) throw new DeskError('invalid_input', problems[0]!.message, { fields: problems });
    const trimmed = Object.fromEntries(t.variables.map((v) => [v.name, (values[v.name] ?? '').trim()]));
    const filled = fillVariables(t.spec, trimmed);
    // A value that makes the spec invalid (a URL that is no URL) is said on the value.
    for (const issue of validateSpec(filled)) {
      const at = JSON.stringify(issue.path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], t.spec));
      const culprit = t.variables.find((v) => at?.includes(`{{${v.name}}}`));
      if (culprit) problems.push({ path: `values.${culprit.name}`, message: `With this value, ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` });
    }
    if (problems.length) throw new DeskError('invalid_input', problems[0]!.message, { fields: problems });
    const copy = await this.duplicate(templateId, { kind: 'draft', name: null, variables: [], fromTemplate: templateId });
    const d = this.doc(copy.id);
    const next = { ...d, spec: filled, revision: 1 };
    this.docs.set(d.id, next);
    await this.write(next);
    return this.get(d.id);
  }

  /** Add drafts or templates read from a spec file. */
  async add(doc: { kind: SpecDocKind; name: string | null; spec: PreheatSpec; variables: TemplateVariable[] }): Promise<DraftSummary> {
    const saved = await this.save({ spec: doc.spec, revision: 1 });
    const d = this.doc(saved.id);
    const next = { ...d, kind: doc.kind, name: doc.name, variables: doc.variables };
    this.docs.set(d.id, next);
    await this.write(next);
    return this.summary(next);
  }

  /** Stored docs as they are (for export): the spec with secret header values empty. */
  raw(id: string): { kind: SpecDocKind; name: string; spec: PreheatSpec; variables: TemplateVariable[]; secretHeaders: string[] } {
    const d = this.doc(id);
    return { kind: d.kind, name: d.name ?? draftName(d.spec), spec: d.spec, variables: d.variables, secretHeaders: d.secretHeaders };
  }

  async settle(): Promise<void> {
    await Promise.all(this.writes.values());
  }
}
