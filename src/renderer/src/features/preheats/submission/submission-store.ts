import { create } from 'zustand';
import type { SubmissionView } from '@shared/models';
import { call, transport } from '@renderer/transport/api';

interface SubmissionState {
  view: SubmissionView | null;
  failure: string | null;
  /** A retry or cancel the back end refused, in words. */
  actionError: string | null;
  /** Show submission `id` as it goes on; returns the unsubscribe, which forgets it. */
  watch(id: string): () => void;
  /** Send a part again (an unknown one after one more look for its job), or cancel it. */
  act(action: 'retry' | 'cancel', managerId: string): Promise<void>;
}

/** What happened to each target of one submission, live. */
export const useSubmission = create<SubmissionState>((set, get) => ({
  view: null,
  failure: null,
  actionError: null,
  async act(action, managerId) {
    const id = get().view?.id;
    if (!id) return;
    const res = await call(action === 'retry' ? 'outbox.retry' : 'outbox.cancel', { id, managerId });
    set(res.ok ? { view: res.value, actionError: null } : { actionError: res.message });
  },
  watch(id) {
    let live = true;
    const off = transport.on('preheats.submission', (v) => {
      if (v.id === id) set({ view: v });
    });
    void call('preheats.submission', { id }).then((res) => {
      if (!live) return;
      // An event may have brought a newer view than this answer.
      if (res.ok) set((s) => ({ view: s.view ?? res.value }));
      else set({ failure: res.message });
    });
    return () => {
      live = false;
      off();
      set({ view: null, failure: null, actionError: null });
    };
  },
}));
