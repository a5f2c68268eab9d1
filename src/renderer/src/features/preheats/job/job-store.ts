import { create } from 'zustand';
import type { JobActionResult, JobDetail, JobRef } from '@shared/models';
import type { NewPreheatIntent } from '@renderer/app/route';
import { pageDetail, type PageDetail } from '@renderer/lib/page-detail';
import { call } from '@renderer/transport/api';

interface JobState extends PageDetail<JobRef, JobDetail> {
  /** A fetch the operator can see is under way: the first, or one asked for with "Refresh". */
  loading: boolean;
  refresh(): Promise<void>;
  /** The create form's intent for this job: the same preheat again, or only its failed peers. */
  reuse(mode: 'duplicate' | 'retry-failed'): Promise<NewPreheatIntent | null>;
  /** Give the job a new description; the manager's refusal comes back in words. */
  describe(description: string): Promise<string | null>;
  remove(refs: JobRef[]): Promise<JobActionResult | string>;
}

/** The job open on screen, in full: arguments, error log, per-cluster tasks and per-peer results. */
export const useJob = create<JobState>()((set, get) => {
  const page = pageDetail<JobRef, JobDetail, JobState>(set, get, (ref) => call('jobs.get', ref), { loading: true });
  return {
    ...page,
    loading: true,
    async load() {
      const applied = await page.load();
      if (applied) set({ loading: false });
      return applied;
    },
    async refresh() {
      set({ loading: true });
      await get().load();
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
    async describe(description) {
      const { ref } = get();
      if (!ref) return null;
      const res = await call('jobs.describe', { ...ref, description });
      if (!res.ok) return res.message;
      await get().load();
      return null;
    },
    async remove(refs) {
      const res = await call('jobs.delete', { refs });
      return res.ok ? res.value : res.message;
    },
  };
});
