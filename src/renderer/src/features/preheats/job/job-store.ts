import { create } from 'zustand';
import type { JobDetail, JobRef } from '@shared/models';
import type { NewPreheatIntent } from '@renderer/app/route';
import { call } from '@renderer/transport/api';

interface JobState {
  ref: JobRef | null;
  detail: JobDetail | null;
  error: string | null;
  /** A fetch the operator can see is under way: the first, or one asked for with "Refresh". */
  loading: boolean;
  open(managerId: string, jobId: number): Promise<void>;
  /** The page closed: forget the job, and any answer still on its way. */
  close(): void;
  /** Fetch the job again, quietly (the pending job's own refresh). */
  load(): Promise<void>;
  refresh(): Promise<void>;
  /** The create form's intent for this job: the same preheat again, or only its failed peers. */
  reuse(mode: 'duplicate' | 'retry-failed'): Promise<NewPreheatIntent | null>;
}

const closed = { ref: null, detail: null, error: null, loading: true };
let seq = 0;

/** The job open on screen, in full: arguments, error log, per-cluster tasks and per-peer results. */
export const useJob = create<JobState>((set, get) => ({
  ...closed,
  open(managerId, jobId) {
    set({ ref: { managerId, jobId } });
    return get().load();
  },
  close() {
    seq++;
    set(closed);
  },
  async load() {
    const { ref } = get();
    if (!ref) return;
    const mine = ++seq;
    const res = await call('jobs.get', ref);
    // The page closed, or a newer fetch was sent, meanwhile.
    if (mine !== seq) return;
    set(res.ok ? { loading: false, detail: res.value, error: null } : { loading: false, error: res.message });
  },
  refresh() {
    set({ loading: true });
    return get().load();
  },
  async reuse(mode) {
    const { ref } = get();
    if (!ref) return null;
    const res = await call('preheats.fromJob', { ...ref, mode });
    if (!res.ok) {
      set({ error: res.message });
      return null;
    }
    return { kind: 'spec', spec: res.value.spec, notes: res.value.notes };
  },
}));
