import { create } from 'zustand';
import type { SubmissionView } from '@shared/models';
import { call, transport } from '@renderer/transport/api';

interface OutboxState {
  /** Every submission the outbox keeps, newest first. */
  submissions: SubmissionView[];
  /** Parts still to settle, and parts that need the user: the navigation's badge. */
  waiting: number;
  attention: number;
  loaded: boolean;
  error: string | null;
  /** A retry or cancel the back end refused, on its submission. */
  actionError: { id: string; message: string } | null;
  load(): Promise<void>;
  /** Send a part now or again, or cancel it. */
  act(id: string, action: 'retry' | 'cancel', managerId: string): Promise<void>;
}

const newestFirst = (list: SubmissionView[]) => list.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
const upsert = (list: SubmissionView[], view: SubmissionView) => newestFirst([view, ...list.filter((s) => s.id !== view.id)]);

/** What arrived as events while a list was on its way: newer than the list, so it wins. */
let arrived: { views: SubmissionView[]; counts: boolean } | null = null;

export const useOutbox = create<OutboxState>((set) => ({
  submissions: [],
  waiting: 0,
  attention: 0,
  loaded: false,
  error: null,
  actionError: null,
  async load() {
    const mine = (arrived = { views: [], counts: false });
    const res = await call('outbox.list', {});
    if (arrived !== mine) return;
    arrived = null;
    if (!res.ok) return set({ loaded: true, error: res.message });
    const { submissions, waiting, attention } = res.value;
    set({ submissions: mine.views.reduce(upsert, submissions), ...(mine.counts ? {} : { waiting, attention }), loaded: true, error: null });
  },
  async act(id, action, managerId) {
    const res = await call(action === 'retry' ? 'outbox.retry' : 'outbox.cancel', { id, managerId });
    if (res.ok) set((s) => ({ submissions: upsert(s.submissions, res.value), actionError: null }));
    else set({ actionError: { id, message: res.message } });
  },
}));

transport.on('preheats.submission', (view) => {
  arrived?.views.push(view);
  useOutbox.setState((s) => ({ submissions: upsert(s.submissions, view) }));
});
transport.on('outbox.changed', (counts) => {
  if (arrived) arrived.counts = true;
  useOutbox.setState(counts);
});
