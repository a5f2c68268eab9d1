import { isMap, isSeq, LineCounter, parseAllDocuments, stringify, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { TemplateVariable, type SpecDocKind } from '../../shared/drafts';
import { isSafeHeader } from '../../shared/masking';
import { emptySpec, PreheatSpec, SCOPES, Selection, validateSpec } from '../../shared/preheat-spec';
import { DeskError } from '../../shared/result';

/**
 * Spec files: drafts and templates as YAML or JSON, versioned by `apiVersion` and `kind`, with targets
 * named by manager and cluster (ids differ between installations). Secrets never go in: a secret header's
 * value is the placeholder below, which import asks for.
 */
export const API_VERSION = 'dragonfly-desk/v1';
export const SECRET_PLACEHOLDER = '${SECRET}';
/** A spec file is a few KB; anything past this is not one. */
export const MAX_FILE_BYTES = 1024 * 1024;
const KINDS = { draft: 'PreheatDraft', template: 'PreheatTemplate' } as const;

const Target = z.strictObject({ manager: z.string().min(1), clusters: z.array(z.string().min(1)).min(1) });

/** The `spec` of a file: the form's spec with targets by name; everything optional has the form's default. */
const FileSpec = z.strictObject({
  kind: z.enum(['image', 'file']),
  description: z.string().default(''),
  targets: z.array(Target).default([]),
  image: z.strictObject({ reference: z.string().default(''), platform: z.string().default('linux/amd64'), username: z.string().default('') }).optional(),
  files: z.array(z.string()).optional(),
  pieceLengthMiB: z.number().nullable().default(null),
  scope: z.enum(SCOPES).default('single_seed_peer'),
  selection: Selection.default({ mode: 'all' }),
  tag: z.string().default(''),
  application: z.string().default(''),
  filteredQueryParams: z.array(z.string()).default([]),
  headers: z.array(z.strictObject({ name: z.string(), value: z.string() })).default([]),
  advanced: z
    .strictObject({
      concurrentTaskCount: z.number().nullable().default(null),
      concurrentPeerCount: z.number().nullable().default(null),
      timeoutMinutes: z.number().nullable().default(null),
    })
    .default({ concurrentTaskCount: null, concurrentPeerCount: null, timeoutMinutes: null }),
});

const FileDoc = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.enum([KINDS.draft, KINDS.template]),
  metadata: z.strictObject({ name: z.string().max(200).optional(), exportedAt: z.string().optional() }).default({}),
  spec: FileSpec,
  variables: z.array(TemplateVariable).default([]),
});

export interface Names {
  managers: { id: string; name: string; clusters: { id: number; name: string }[] }[];
}

/** One document of a spec file, as exported. */
export function exportDoc(doc: { kind: SpecDocKind; name: string; spec: PreheatSpec; variables: TemplateVariable[]; secretHeaders: string[] }, names: Names, at: string) {
  const s = doc.spec;
  return {
    apiVersion: API_VERSION,
    kind: KINDS[doc.kind],
    metadata: { name: doc.name, exportedAt: at },
    spec: {
      kind: s.kind,
      description: s.description,
      targets: s.targets.map((t) => {
        const m = names.managers.find((x) => x.id === t.managerId);
        return { manager: m?.name ?? t.managerId, clusters: t.clusterIds.map((id) => m?.clusters.find((c) => c.id === id)?.name ?? `#${id}`) };
      }),
      ...(s.kind === 'image' ? { image: s.image } : { files: s.files.filter((f) => f.trim()) }),
      pieceLengthMiB: s.pieceLengthMiB,
      scope: s.scope,
      selection: s.selection,
      tag: s.tag,
      application: s.application,
      filteredQueryParams: s.filteredQueryParams,
      // Never a secret: a header off the safe list leaves its value as a placeholder to fill in on import.
      headers: s.headers.map((h) => ({ name: h.name, value: isSafeHeader(h.name) ? h.value : SECRET_PLACEHOLDER })),
      advanced: s.advanced,
    },
    ...(doc.kind === 'template' ? { variables: doc.variables } : {}),
  };
}

export function serialize(docs: ReturnType<typeof exportDoc>[], format: 'yaml' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 2)}\n`;
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

export interface ImportedDoc {
  kind: SpecDocKind;
  name: string | null;
  spec: PreheatSpec;
  variables: TemplateVariable[];
  /** Headers whose value is the secret placeholder: the user is asked for them. */
  secretHeaders: string[];
}

interface Located {
  value: unknown;
  /** The line (1-based) of a path in the file, as near as the file says. */
  lineOf(path: (string | number)[]): number | null;
}

/** Parse YAML (JSON is YAML) into documents that know the line of each path; bounded against hostile files. */
function parse(text: string): Located[] {
  const lines = new LineCounter();
  let docs: Document.Parsed[];
  try {
    // Aliases expand: a "billion laughs" file is refused long before it can fill memory.
    docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    throw new DeskError('invalid_input', `The file is not YAML or JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(docs)) docs = [docs];
  const out: Located[] = [];
  for (const doc of docs) {
    const syntax = doc.errors[0];
    if (syntax) {
      const line = lines.linePos(syntax.pos[0]).line;
      throw new DeskError('invalid_input', `${line ? `line ${line}: ` : ''}${syntax.message.split('\n')[0]}`, { fields: [{ path: line ? `line ${line}` : 'file', message: syntax.message.split('\n')[0] }] });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      throw new DeskError('invalid_input', `The file could not be read: ${(err as Error).message}`);
    }
    const lineOf = (path: (string | number)[]) => {
      let node: unknown = doc.contents;
      let best: number | null = null;
      for (const key of path) {
        const range = (node as Node | null)?.range;
        if (range) best = lines.linePos(range[0]).line;
        if (isMap(node)) {
          const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
          if (!pair) break;
          const keyRange = (pair.key as Node | null)?.range;
          if (keyRange) best = lines.linePos(keyRange[0]).line;
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') node = node.items[key];
        else break;
      }
      const range = (node as Node | null)?.range;
      return range ? lines.linePos(range[0]).line : best;
    };
    // A JSON file of several documents is one array.
    if (Array.isArray(value) && docs.length === 1) value.forEach((v, i) => out.push({ value: v, lineOf: (p) => lineOf([i, ...p]) }));
    else out.push({ value, lineOf });
  }
  return out;
}

/**
 * Read a spec file: every document checked with the form's own rules, each problem named by line and
 * field ("line 12, scope: must be one of …"); targets matched to the configured managers and clusters
 * by name, what matches nothing is reported and left out.
 */
export function readSpecFile(fileName: string, text: string, names: Names): { docs: ImportedDoc[]; warnings: string[] } {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    throw new DeskError('invalid_input', `${fileName} is ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB; a spec file is at most ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  }
  const found = parse(text);
  if (found.length === 0) throw new DeskError('invalid_input', `${fileName} holds no spec`);
  const docs: ImportedDoc[] = [];
  const warnings: string[] = [];
  const problems: { path: string; message: string }[] = [];
  found.forEach((located, n) => {
    const where = (path: (string | number)[]) => {
      const line = located.lineOf(path);
      const field = path.filter((p) => p !== 'spec').join('.') || 'document';
      return `${found.length > 1 ? `document ${n + 1}, ` : ''}${line ? `line ${line}, ` : ''}${field}`;
    };
    const parsed = FileDoc.safeParse(located.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 20)) {
        const path = issue.path as (string | number)[];
        // An unknown key is named where it stands.
        if (issue.code === 'unrecognized_keys') for (const key of issue.keys) problems.push({ path: where([...path, key]), message: 'not a field of a spec file' });
        else problems.push({ path: where(path), message: issue.message });
      }
      return;
    }
    const f = parsed.data;
    const spec: PreheatSpec = { ...emptySpec(f.spec.kind), ...f.spec, image: f.spec.image ?? emptySpec('image').image, files: f.spec.files ?? [''], targets: [] };
    f.spec.targets.forEach((t, i) => {
      const m = names.managers.find((x) => x.name.toLowerCase() === t.manager.toLowerCase());
      if (!m) {
        warnings.push(`${where(['spec', 'targets', i, 'manager'])}: no manager named ${t.manager} here (${names.managers.map((x) => x.name).join(', ') || 'none configured'}); its clusters were left out`);
        return;
      }
      const ids: number[] = [];
      t.clusters.forEach((c, j) => {
        const cluster = m.clusters.find((x) => x.name.toLowerCase() === c.toLowerCase() || `#${x.id}` === c);
        if (cluster) ids.push(cluster.id);
        else warnings.push(`${where(['spec', 'targets', i, 'clusters', j])}: ${m.name} has no cluster named ${c}; it was left out`);
      });
      if (ids.length) spec.targets.push({ managerId: m.id, clusterIds: [...new Set(ids)] });
    });
    // The form's rules, except what is only missing (a draft may be unfinished, a template has its {{fields}}).
    for (const issue of validateSpec(spec)) {
      if (issue.path === 'targets' || (f.kind === KINDS.template && /\{\{/.test(JSON.stringify(spec)))) continue;
      if (/required|at least one|Pick at least|Add at least/i.test(issue.message)) continue;
      problems.push({ path: where(['spec', ...issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))]), message: issue.message });
    }
    docs.push({
      kind: f.kind === KINDS.template ? 'template' : 'draft',
      name: f.metadata.name ?? null,
      spec: { ...spec, headers: spec.headers.map((h) => (h.value === SECRET_PLACEHOLDER ? { ...h, value: '' } : h)) },
      variables: f.variables,
      secretHeaders: spec.headers.filter((h) => h.value === SECRET_PLACEHOLDER).map((h) => h.name),
    });
  });
  if (problems.length) {
    throw new DeskError('invalid_input', `${fileName}: ${problems[0]!.path}: ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { fields: problems });
  }
  return { docs, warnings };
}
