import { create } from 'zustand';
import type { PreheatPreview, PreheatTargets } from '@shared/models';
import { emptySpec, validateSpec, type PreheatSpec, type SpecIssue } from '@shared/preheat-spec';
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

interface CreateState extends Visit {
  spec: PreheatSpec;
  /** Typed registry password; sent once with the submit, never read back. */
  registryPassword: string;
  rememberPassword: boolean;
  /** Set on the first submit: from then on every field shows its problems. */
  attempted: boolean;
  /** What the managers said about fields in the last submission, by spec path. */
  serverIssues: SpecIssue[];
  /** Notes from "Duplicate" / "Retry failed peers" (what was left out). */
  notes: string[];
  update(fn: (spec: PreheatSpec) => void): void;
  setPassword(password: string): void;
  setRemember(remember: boolean): void;
  setKind(kind: 'image' | 'file'): void;
  /** Take what the move that opened the form asks: a target, a whole spec, or a submission's answer. */
  apply(intent: NewPreheatIntent): void;
  reset(): void;
  /** The page opened: fetch the clusters to pick from. */
  open(): Promise<void>;
  /** The page closed: forget what this visit fetched, and any answer still on its way. */
  close(): void;
  loadTargets(refresh?: boolean): Promise<void>;
  loadPreview(): Promise<void>;
  /** Send the spec to every target manager; resolves to the submission's id, or null when refused. */
  submit(): Promise<string | null>;
}

const newVisit = (): Visit => ({ catalog: null, catalogError: null, preview: null, previewError: null, storedPassword: false, busy: false, submitError: null });

const NO_ISSUES: SpecIssue[] = [];
const checked = new WeakMap<PreheatSpec, SpecIssue[]>();

/** The form's own findings, once a submit was tried; worked out once per spec, however many sections ask. */
export function localIssues({ spec, attempted }: { spec: PreheatSpec; attempted: boolean }): SpecIssue[] {
  if (!attempted) return NO_ISSUES;
  let issues = checked.get(spec);
  if (!issues) checked.set(spec, (issues = validateSpec(spec)));
  return issues;
}

// Answers are numbered: only the newest of each kind lands, and none after the page closed.
let targetsSeq = 0;
let previewSeq = 0;

/**
 * The form's state lives here, outside the page, so nothing typed is lost when a submit fails, when the
 * operator looks at the result and comes back, or when a manager is down.
 */
export const useCreatePreheat = create<CreateState>((set, get) => ({
  ...newVisit(),
  spec: emptySpec(),
  registryPassword: '',
  rememberPassword: true,
  attempted: false,
  serverIssues: [],
  notes: [],
  update(fn) {
    const before = get().spec;
    const spec = structuredClone(before);
    fn(spec);
    // The parts the change left alone stay the same objects, so the sections showing them do not redraw.
    for (const key of Object.keys(spec) as (keyof PreheatSpec)[]) {
      if (JSON.stringify(spec[key]) === JSON.stringify(before[key])) Object.assign(spec, { [key]: before[key] });
    }
    set({ spec });
  },
  setPassword(registryPassword) {
    set({ registryPassword });
  },
  setRemember(rememberPassword) {
    set({ rememberPassword });
  },
  setKind(kind) {
    // Targets, description and the shared args stay; only what belongs to the other kind is set aside.
    get().update((s) => {
      s.kind = kind;
    });
  },
  apply(intent) {
    if (intent.kind === 'spec') return set({ spec: intent.spec, notes: intent.notes, registryPassword: '', attempted: false, serverIssues: [] });
    if (intent.kind === 'resubmit') set({ serverIssues: intent.issues });
    const targets = intent.kind === 'target' ? [{ managerId: intent.managerId, clusterIds: [intent.clusterId] }] : intent.targets;
    if (targets) get().update((s) => void (s.targets = targets));
  },
  reset() {
    set({ spec: emptySpec(get().spec.kind), registryPassword: '', attempted: false, serverIssues: [], notes: [] });
  },
  open() {
    return get().loadTargets();
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
    const { spec, registryPassword } = get();
    const mine = ++previewSeq;
    const res = await call('preheats.preview', { spec, registryPasswordGiven: registryPassword !== '' });
    // The form changed meanwhile: the preview of what it says now is on its way.
    if (mine !== previewSeq || get().spec !== spec || (get().registryPassword === '') !== (registryPassword === '')) return;
    set(res.ok ? { preview: res.value, previewError: null, storedPassword: res.value.storedRegistryPassword } : { previewError: res.message });
  },
  async submit() {
    const { spec, registryPassword, rememberPassword } = get();
    set({ attempted: true, submitError: null });
    if (localIssues(get()).length) return null;
    set({ busy: true });
    const res = await call('preheats.submit', { spec, ...(spec.kind === 'image' && registryPassword ? { registryPassword } : {}), rememberPassword });
    if (!res.ok) {
      set({ busy: false, serverIssues: (res.details?.fields ?? []) as SpecIssue[], submitError: res.message });
      return null;
    }
    set({ busy: false, serverIssues: [] });
    return res.value.id;
  },
}));
