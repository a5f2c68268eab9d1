import { create } from 'zustand';
import type { DraftSummary, DraftView } from '@shared/drafts';
import type { Result } from '@shared/result';
import { download } from '@renderer/lib/export';
import { call, onEvents } from '@renderer/transport/api';

/** What importing one file did: the drafts and templates it added, targets it could not match, or why not. */
export interface ImportOutcome {
  fileName: string;
  imported: DraftSummary[];
  warnings: string[];
  error: string | null;
}

/** A file that leaves secret header values out: the user is asked for each before it is imported. */
export interface SecretsRequest {
  fileName: string;
  headers: string[];
  warnings: string[];
}

interface DraftsState {
  /** Newest first. */
  drafts: DraftSummary[];
  templates: DraftSummary[];
  loaded: boolean;
  error: string | null;
  /** A duplicate, delete, undo or export the back end refused, in words. */
  actionError: string | null;
  /** Deleted a moment ago, for Undo. */
  deleted: { id: string; name: string; undoUntil: string }[];
  importing: boolean;
  /** The file being imported waits for these values. */
  secretsAsked: SecretsRequest | null;
  /** What the last import did, file by file. */
  importReport: ImportOutcome[];
  load(): Promise<void>;
  rename(id: string, name: string): Promise<Result<DraftSummary>>;
  duplicate(id: string): Promise<void>;
  remove(doc: DraftSummary): Promise<void>;
  /** Undo a delete. */
  restore(id: string): Promise<void>;
  dismissDeleted(id: string): void;
  /** Download drafts and templates as one spec file. */
  exportDocs(ids: string[], format: 'yaml' | 'json'): Promise<void>;
  fromTemplate(templateId: string, values: Record<string, string>): Promise<Result<DraftView>>;
  /** Import spec files one by one, asking for secret header values where a file needs them. */
  importFiles(files: File[]): Promise<ImportOutcome[]>;
  /** The values asked for, or null to skip that file. */
  giveSecrets(values: Record<string, string> | null): void;
  dismissImport(): void;
}

let loadSeq = 0;
/** Resolves the question the import waits on. */
let answer: ((values: Record<string, string> | null) => void) | null = null;

/** Drafts and templates the back end keeps: listed, renamed, copied, deleted with undo, exported and imported. */
export const useDrafts = create<DraftsState>((set, get) => ({
  drafts: [],
  templates: [],
  loaded: false,
  error: null,
  actionError: null,
  deleted: [],
  importing: false,
  secretsAsked: null,
  importReport: [],
  async load() {
    const mine = ++loadSeq;
    const res = await call('drafts.list', {});
    if (mine !== loadSeq) return;
    set(res.ok ? { drafts: res.value.drafts, templates: res.value.templates, loaded: true, error: null } : { loaded: true, error: res.message });
  },
  rename: (id, name) => call('drafts.rename', { id, name }),
  async duplicate(id) {
    const res = await call('drafts.duplicate', { id });
    set({ actionError: res.ok ? null : res.message });
  },
  async remove(doc) {
    const res = await call('drafts.delete', { id: doc.id });
    if (!res.ok) return set({ actionError: res.message });
    set((s) => ({ actionError: null, deleted: [...s.deleted.filter((d) => d.id !== doc.id), { id: doc.id, name: doc.name, undoUntil: res.value.undoUntil }] }));
  },
  async restore(id) {
    const res = await call('drafts.restore', { id });
    set({ actionError: res.ok ? null : res.message });
    get().dismissDeleted(id);
  },
  dismissDeleted(id) {
    set((s) => ({ deleted: s.deleted.filter((d) => d.id !== id) }));
  },
  async exportDocs(ids, format) {
    const res = await call('drafts.export', { ids, format });
    set({ actionError: res.ok ? null : res.message });
    if (res.ok) download(res.value.fileName, res.value.content, format === 'yaml' ? 'application/yaml' : 'application/json');
  },
  fromTemplate: (templateId, values) => call('drafts.fromTemplate', { templateId, values }),
  async importFiles(files) {
    if (get().importing) return [];
    set({ importing: true, importReport: [] });
    const report: ImportOutcome[] = [];
    for (const file of files) {
      // A file that cannot be read is that file's failure, not a stuck import.
      const content = await file.text().catch((err: Error) => err);
      report.push(typeof content === 'string' ? await importOne(file.name, content) : { fileName: file.name, imported: [], warnings: [], error: `Could not read the file: ${content.message}` });
    }
    set({ importing: false, importReport: report });
    return report;
  },
  giveSecrets(values) {
    const give = answer;
    answer = null;
    set({ secretsAsked: null });
    give?.(values);
  },
  dismissImport() {
    set({ importReport: [] });
  },
}));

async function importOne(fileName: string, content: string): Promise<ImportOutcome> {
  let secrets: Record<string, string> | undefined;
  for (;;) {
    const res = await call('drafts.import', { fileName, content, ...(secrets ? { secrets } : {}) });
    // A refused file's message names the line and the field: shown as it is.
    if (!res.ok) return { fileName, imported: [], warnings: [], error: res.message };
    if (res.value.status === 'imported') return { fileName, imported: res.value.imported, warnings: res.value.warnings, error: null };
    const request: SecretsRequest = { fileName, headers: res.value.headers, warnings: res.value.warnings };
    const given = await new Promise<Record<string, string> | null>((resolve) => {
      answer = resolve;
      useDrafts.setState({ secretsAsked: request });
    });
    if (!given) return { fileName, imported: [], warnings: request.warnings, error: 'Not imported: the values of its secret headers were not given.' };
    secrets = { ...secrets, ...given };
  }
}

// Saves, renames, imports and sends (from here or the form) change the list.
onEvents(['drafts.changed'], 200, () => void useDrafts.getState().load());
