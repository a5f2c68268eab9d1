import { create } from 'zustand';
import { emptySpec, type PreheatSpec, type SpecIssue } from '@shared/preheat-spec';
import type { NewPreheatIntent } from '@renderer/app/route';

interface CreateState {
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
  attempt(): void;
  setServerIssues(issues: SpecIssue[]): void;
  reset(): void;
}

/**
 * The form's state lives here, outside the page, so nothing typed is lost when a submit fails, when the
 * operator looks at the result and comes back, or when a manager is down.
 */
export const useCreatePreheat = create<CreateState>((set, get) => ({
  spec: emptySpec(),
  registryPassword: '',
  rememberPassword: true,
  attempted: false,
  serverIssues: [],
  notes: [],
  update(fn) {
    const spec = structuredClone(get().spec);
    fn(spec);
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
  attempt() {
    set({ attempted: true });
  },
  setServerIssues(serverIssues) {
    set({ serverIssues });
  },
  reset() {
    set({ spec: emptySpec(get().spec.kind), registryPassword: '', attempted: false, serverIssues: [], notes: [] });
  },
}));
