import { z } from 'zod';
import { ClusterRef } from './models';
import { PreheatSpec } from './preheat-spec';

/**
 * Drafts and templates: preheat specs kept by the back end, each in its own versioned file. A draft is
 * what the form edits; a template is a named draft to start new ones from, with fields marked to be
 * filled in each time (`{{version}}` in a URL, a tag).
 */
export const SpecDocKind = z.enum(['draft', 'template']);
export type SpecDocKind = z.infer<typeof SpecDocKind>;

/** A field of a template filled in each time it is used: `{{name}}` anywhere in the spec's text. */
export const TemplateVariable = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'A variable name is a letter, then letters, digits or _ (at most 32)'),
  description: z.string().max(200).default(''),
  /** A regular expression the value must match, e.g. `v\d+\.\d+\.\d+`; empty for any non-empty value. */
  pattern: z
    .string()
    .max(200)
    .default('')
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'Not a valid regular expression'),
});
export type TemplateVariable = z.infer<typeof TemplateVariable>;

export const VARIABLE_IN_TEXT = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,31})\s*\}\}/g;

export const DraftSummary = z.object({
  id: z.string(),
  kind: SpecDocKind,
  /** The name given, or one derived from the description, the first URL or the image. */
  name: z.string(),
  nameGiven: z.boolean(),
  specKind: z.enum(['image', 'file']),
  targets: z.array(z.object({ managerId: z.string(), managerName: z.string(), clusters: z.array(ClusterRef) })),
  updatedAt: z.string(),
  /** Whether it could be sent as it is, and if not, what is missing. */
  ready: z.boolean(),
  missing: z.array(z.string()),
  /** Templates: the fields filled in each time. */
  variables: z.array(TemplateVariable),
  /** A draft made from a template: which one. */
  fromTemplate: z.string().nullable(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

export const DraftView = DraftSummary.extend({
  spec: PreheatSpec,
  /** Headers whose values are kept in the keychain: the form shows them empty, and leaving them empty keeps them. */
  storedSecretHeaders: z.array(z.string()),
  revision: z.number(),
});
export type DraftView = z.infer<typeof DraftView>;

/** The derived name of a spec without a given one. */
export function draftName(spec: PreheatSpec): string {
  if (spec.description.trim()) return spec.description.trim().slice(0, 80);
  if (spec.kind === 'image' && spec.image.reference.trim()) return spec.image.reference.trim();
  const url = spec.files.find((f) => f.trim());
  if (url) {
    try {
      const u = new URL(url.trim());
      return u.pathname.split('/').filter(Boolean).at(-1) ?? u.host;
    } catch {
      return url.trim().slice(0, 80);
    }
  }
  return 'Untitled draft';
}

/** Every `{{name}}` the spec's text holds, in order of first appearance. */
export function variablesIn(spec: PreheatSpec): string[] {
  const seen: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(VARIABLE_IN_TEXT)) if (!seen.includes(m[1]!)) seen.push(m[1]!);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(spec);
  return seen;
}

/** The spec with every `{{name}}` replaced by its value. */
export function fillVariables(spec: PreheatSpec, values: Record<string, string>): PreheatSpec {
  const fill = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(VARIABLE_IN_TEXT, (whole, name: string) => values[name] ?? whole);
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };
  return fill(spec) as PreheatSpec;
}
