import { create } from 'zustand';
import type { DraftSummary, DraftView, TemplateVariable } from '@shared/drafts';
import { isSafeHeader } from '@shared/masking';
import type { PreheatPreview, PreheatTargets } from '@shared/models';
import { resolveImageRef } from '@shared/image-ref';
import { emptySpec, validateSpec, type PreheatSpec, type SpecIssue } from '@shared/preheat-spec';
import type { Result } from '@shared/result';
import type { NewPreheatIntent } from '@renderer/app/route';
import { call } from '@renderer/transport/api';

/** What the page fetched or was told while it is open; a new visit starts without it. */
interface Visit {
  /** Scheduler clusters of every manager, with whether each can take a preheat now. */
  catalog: PreheatTargets | null;
  catalogError: string | null;
  /** The exact request each target manager will receive, for the spec as it is. */
  preview: PreheatPreview | null;
  previewError: string | null;
  /** The back end keeps a password for this registry and username: an empty field uses it. */
  storedPassword: boolean;
  busy: boolean;
  /** Why the last submit was refused. */
  submitError: string | null;
}

/** The draft the form edits: the back end keeps it, saved as it is typed. */
export interface Draft {
  /** Null until its first save answers (an untouched form is no draft yet). */
  id: string | null;
  /** The name given on the Drafts page; null: named after its content. */
  name: string | null;
  /** The count of its last save: each save carries a higher one, so a late answer never wins. */
  revision: number;
  /** Headers whose value the back end keeps: their field shows empty, and leaving it empty keeps the value. */
  storedSecretHeaders: string[];
  /** Saved (or opened) as the form shows it, on its way, or refused; with when and why. */
  save: { state: 'saved' | 'saving' | 'failed' | 'new'; at: string | null; error: string | null };
}

interface CreateState extends Visit {
  spec: PreheatSpec;
  draft: Draft;
  /** Typed registry password; sent once with the submit, never read back, never in a draft. */
  registryPassword: string;
  rememberPassword: boolean;
  /** At submit, a manager that cannot be reached: keep its part queued until it answers, or fail it now. */
  ifUnreachable: 'queue' | 'fail';
  /** Set on the first submit: from then on every field shows its problems. */
  attempted: boolean;
  /** What the managers said about fields in the last submission, by spec path. */
  serverIssues: SpecIssue[];
  /** Notes from "Duplicate" / "Retry failed peers" / "Back to the form" (what was left out). */
  notes: string[];
  /** A draft that could not be opened, in words. */
  draftError: string | null;
  update(fn: (spec: PreheatSpec) => void): void;
  setPassword(password: string): void;
  setRemember(remember: boolean): void;
  /** Remove the registry password kept for this registry and username from the keychain. */
  forgetPassword(): Promise<void>;
  setIfUnreachable(mode: 'queue' | 'fail'): void;
  setKind(kind: 'image' | 'file'): void;
  /** Take what the move that opened the form asks: a draft, a target, a whole spec, or a submission's answer. */
  apply(intent: NewPreheatIntent): Promise<void>;
  /** Empty the fields of the draft. */
  reset(): void;
  /** Edit draft `id`, or a new one (null); what was typed in the current one is saved first. */
  openDraft(id: string | null): Promise<void>;
  /** The draft as a named template, `{{name}}` in its text asked for each time it is used. */
  saveAsTemplate(name: string, variables: TemplateVariable[]): Promise<Result<DraftSummary>>;
  /** The page opened: the draft that was open (once per start), and the clusters to pick from. */
  open(): Promise<void>;
  /** The page closed: forget what this visit fetched, and any answer still on its way. */
  close(): void;
  loadTargets(refresh?: boolean): Promise<void>;
  loadPreview(): Promise<void>;
  /** Send the spec to every target manager; resolves to the submission's id, or null when refused. */
  submit(): Promise<string | null>;
}

const newVisit = (): Visit => ({ catalog: null, catalogError: null, preview: null, previewError: null, storedPassword: false, busy: false, submitError: null });
const newDraft = (): Draft => ({ id: null, name: null, revision: 0, storedSecretHeaders: [], save: { state: 'new', at: null, error: null } });

const NO_ISSUES: SpecIssue[] = [];
const checked = new WeakMap<PreheatSpec, { kept: string[]; issues: SpecIssue[] }>();

/** The form's own findings, once a submit was tried; worked out once per spec, however many sections ask. */
export function localIssues({ spec, attempted, draft }: { spec: PreheatSpec; attempted: boolean; draft: Draft }): SpecIssue[] {
  if (!attempted) return NO_ISSUES;
  const kept = draft.storedSecretHeaders;
  let found = checked.get(spec);
  // A secret header the draft keeps in the keychain is shown empty, and that is not a missing value.
  if (found?.kept !== kept) checked.set(spec, (found = { kept, issues: validateSpec(spec, { keptSecretHeaders: kept }) }));
  return found.issues;
}

const sameHeader = (a: string) => (b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether the back end keeps this header's value for the draft (the field then shows it empty). */
export const isStoredSecret = (storedSecretHeaders: string[], name: string) => storedSecretHeaders.some(sameHeader(name));

/** What the back end keeps after saving `spec` (as drafts.save does): secret values typed, and those stored before and left empty. */
const keptSecrets = (spec: PreheatSpec, before: string[]) =>
  spec.headers.filter((h) => h.name.trim() && !isSafeHeader(h.name) && (h.value !== '' || before.some(sameHeader(h.name)))).map((h) => h.name.trim());

const isBlank = (spec: PreheatSpec) => JSON.stringify(spec) === JSON.stringify(emptySpec(spec.kind));

/** A save follows a pause in typing, and never waits longer than this after the first unsaved change. */
const SAVE_AFTER_MS = 400;
const MAX_UNSAVED_MS = 800;

// Answers are numbered: only the newest of each kind lands, and none after the page closed.
let targetsSeq = 0;
let previewSeq = 0;

/**
 * The form's state lives here, outside the page, so nothing typed is lost when a submit fails, when the
 * operator looks at the result and comes back, or when a manager is down. And the form always edits a
 * draft the back end keeps, so nothing typed is lost when the window goes either.
 */
export const useCreatePreheat = create<CreateState>((set, get) => {
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  /** The save on its way: one at a time, so a new draft's first answer gives the next save its id. */
  let saving: Promise<void> | null = null;
  let dirty = false;
  /** When the oldest unsaved change must be on its way. */
  let dueBy = 0;
  /** Counts the drafts the form switched to: an answer for an earlier one is dropped. */
  let shown = 0;
  /** The draft the app had open at its start, read once. */
  let restored: Promise<void> | null = null;
  /** The last spec sent, for "Back to the form" from its submission: its draft is gone once sent. */
  let sent: { submission: string; spec: PreheatSpec; registryPassword: string; secretsLeftOut: string[] } | null = null;

  const saveNow = async () => {
    const mine = shown;
    const { spec, draft } = get();
    const revision = draft.revision + 1;
    set({ draft: { ...draft, revision, save: { ...draft.save, state: 'saving' } } });
    const res = await call('drafts.save', { ...(draft.id ? { id: draft.id } : {}), spec, revision });
    if (mine !== shown) return;
    const d = get().draft;
    if (res.ok) {
      set({ draft: { ...d, id: res.value.id, storedSecretHeaders: keptSecrets(spec, d.storedSecretHeaders), save: { state: dirty ? 'saving' : 'saved', at: res.value.savedAt, error: null } } });
    } else if (res.code === 'not_found') {
      // Deleted or sent elsewhere while it was open here: what is typed becomes a new draft.
      set({ draft: { ...newDraft(), save: d.save } });
      changed();
    } else {
      dirty = true;
      set({ draft: { ...d, save: { ...d.save, state: 'failed', error: res.message } } });
    }
  };

  /** Save now what is not saved yet; resolves once the back end holds it. */
  const flush = async () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    while (saving) await saving;
    if (!dirty) return;
    dirty = false;
    saving = saveNow().finally(() => {
      saving = null;
    });
    await saving;
  };

  /** The spec changed: save it once typing pauses. An untouched form becomes a draft only once something is in it. */
  const changed = () => {
    const { spec, draft } = get();
    if (draft.id === null && !saving && isBlank(spec)) return;
    const now = Date.now();
    if (!dirty) dueBy = now + MAX_UNSAVED_MS;
    dirty = true;
    if (draft.save.state !== 'saving') set({ draft: { ...draft, save: { ...draft.save, state: 'saving' } } });
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void flush(), Math.max(0, Math.min(SAVE_AFTER_MS, dueBy - now)));
  };

  /** Show a draft (null: a new one, with `spec` in it); call only with nothing left to save. */
  const show = (view: DraftView | null, spec: PreheatSpec = view?.spec ?? emptySpec(get().spec.kind)) => {
    shown++;
    dirty = false;
    set({
      spec,
      draft: view
        ? { id: view.id, name: view.nameGiven ? view.name : null, revision: view.revision, storedSecretHeaders: view.storedSecretHeaders, save: { state: 'saved', at: view.updatedAt, error: null } }
        : newDraft(),
      registryPassword: '',
      attempted: false,
      serverIssues: [],
      notes: [],
      draftError: null,
    });
  };

  return {
    ...newVisit(),
    spec: emptySpec(),
    draft: newDraft(),
    registryPassword: '',
    rememberPassword: true,
    ifUnreachable: 'queue',
    attempted: false,
    serverIssues: [],
    notes: [],
    draftError: null,
    update(fn) {
      const before = get().spec;
      const spec = structuredClone(before);
      fn(spec);
      // The parts the change left alone stay the same objects, so the sections showing them do not redraw.
      for (const key of Object.keys(spec) as (keyof PreheatSpec)[]) {
        if (JSON.stringify(spec[key]) === JSON.stringify(before[key])) Object.assign(spec, { [key]: before[key] });
      }
      set({ spec });
      changed();
    },
    setPassword(registryPassword) {
      set({ registryPassword });
    },
    setRemember(rememberPassword) {
      set({ rememberPassword });
    },
    async forgetPassword() {
      const { spec } = get();
      const ref = resolveImageRef(spec.image.reference);
      if (!ref.ok || !spec.image.username) return;
      const res = await call('preheats.forgetRegistryPassword', { registry: ref.registry, username: spec.image.username });
      if (!res.ok) return set({ submitError: res.message });
      set({ storedPassword: false });
      await get().loadPreview();
    },
    setIfUnreachable(ifUnreachable) {
      set({ ifUnreachable });
    },
    setKind(kind) {
      // Targets, description and the shared args stay; only what belongs to the other kind is set aside.
      get().update((s) => {
        s.kind = kind;
      });
    },
    async apply(intent) {
      if (intent.kind === 'draft') return get().openDraft(intent.id);
      if (intent.kind === 'spec') {
        await flush();
        show(null, intent.spec);
        set({ notes: intent.notes });
        return changed();
      }
      if (intent.kind === 'resubmit' && sent?.submission === intent.submission) {
        const { spec, registryPassword, secretsLeftOut } = sent;
        await flush();
        show(null, spec);
        set({ registryPassword, notes: secretsLeftOut.map((h) => `The value of the ${h} header is not kept once sent: type it again.`) });
        changed();
      }
      if (intent.kind === 'resubmit') set({ serverIssues: intent.issues });
      const targets = intent.kind === 'target' ? [{ managerId: intent.managerId, clusterIds: [intent.clusterId] }] : intent.targets;
      if (targets) get().update((s) => void (s.targets = targets));
    },
    reset() {
      set({ spec: emptySpec(get().spec.kind), registryPassword: '', attempted: false, serverIssues: [], notes: [] });
      changed();
    },
    async openDraft(id) {
      if (id === null) {
        await flush();
        show(null);
        void call('drafts.open', { id: null });
        return;
      }
      // Already open: what is typed (a registry password too) stays as it is.
      if (id === get().draft.id) return;
      const res = await call('drafts.get', { id });
      if (!res.ok) return set({ draftError: res.message });
      await flush();
      show(res.value);
      void call('drafts.open', { id });
    },
    async saveAsTemplate(name, variables) {
      await flush();
      const draftId = get().draft.id;
      if (!draftId) return { ok: false, code: 'invalid_input', message: 'Fill in the form first: an empty draft makes no template' };
      return call('drafts.saveAsTemplate', { draftId, name, variables });
    },
    async open() {
      void get().loadTargets();
      const first = !restored;
      restored ??= (async () => {
        const before = get().spec;
        const list = await call('drafts.list', {});
        const id = list.ok ? list.value.openDraftId : null;
        const res = id ? await call('drafts.get', { id }) : null;
        // Typed into, or another draft opened, meanwhile: that wins.
        if (res?.ok && get().spec === before && get().draft.id === null) show(res.value);
      })();
      await restored;
      const { id } = get().draft;
      if (first || !id) return;
      // Back on the page: the draft may have been renamed, deleted or sent from elsewhere meanwhile.
      const res = await call('drafts.get', { id });
      if (get().draft.id !== id) return;
      if (res.ok) set({ draft: { ...get().draft, name: res.value.nameGiven ? res.value.name : null } });
      else if (res.code === 'not_found' && !dirty && !saving) show(null);
    },
    close() {
      targetsSeq++;
      previewSeq++;
      set(newVisit());
    },
    async loadTargets(refresh = false) {
      const mine = ++targetsSeq;
      const res = await call('preheats.targets', { refresh });
      if (mine !== targetsSeq) return;
      set(res.ok ? { catalog: res.value, catalogError: null } : { catalogError: res.message });
    },
    async loadPreview() {
      const { spec, registryPassword, draft } = get();
      const mine = ++previewSeq;
      const res = await call('preheats.preview', { spec, registryPasswordGiven: registryPassword !== '', ...(draft.id ? { draftId: draft.id } : {}) });
      // The form changed meanwhile: the preview of what it says now is on its way.
      if (mine !== previewSeq || get().spec !== spec || (get().registryPassword === '') !== (registryPassword === '')) return;
      set(res.ok ? { preview: res.value, previewError: null, storedPassword: res.value.storedRegistryPassword } : { previewError: res.message });
    },
    async submit() {
      const { spec, registryPassword, rememberPassword, ifUnreachable } = get();
      set({ attempted: true, submitError: null });
      if (localIssues(get()).length) return null;
      set({ busy: true });
      // The draft fills in the secret header values left empty, so it must hold what the form shows.
      await flush();
      const { id: draftId, storedSecretHeaders } = get().draft;
      const res = await call('preheats.submit', {
        spec,
        ...(spec.kind === 'image' && registryPassword ? { registryPassword } : {}),
        rememberPassword,
        ifUnreachable,
        ...(draftId ? { draftId } : {}),
      });
      if (!res.ok) {
        set({ busy: false, serverIssues: (res.details?.fields ?? []) as SpecIssue[], submitError: res.message });
        return null;
      }
      // Sent, the draft is done: the form starts a new one.
      sent = { submission: res.value.id, spec, registryPassword, secretsLeftOut: spec.headers.filter((h) => h.value === '' && storedSecretHeaders.some(sameHeader(h.name))).map((h) => h.name.trim()) };
      show(null);
      set({ busy: false });
      return res.value.id;
    },
  };
});
