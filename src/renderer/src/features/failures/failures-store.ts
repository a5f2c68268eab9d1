import { create } from 'zustand';
import type { FailureEntry, FailureKind, FailurePage } from '@shared/models';
import { download } from '@renderer/lib/export';
import { unchanged } from '@renderer/lib/unchanged';
import { windowedList, type WindowedList } from '@renderer/lib/windowed-list';
import { call, onEvents } from '@renderer/transport/api';

export interface Filter {
  search: string;
  managerIds: string[];
  clusters: string[];
  kinds: FailureKind[];
  peer: string;
  job: string;
}

export const emptyFailureFilter = (): Filter => ({ search: '', managerIds: [], clusters: [], kinds: [], peer: '', job: '' });

interface FailuresState extends WindowedList<FailureEntry, Filter> {
  managers: FailurePage['managers'];
  clusters: FailurePage['clusters'];
  /** Following keeps the newest entry in view; paused, the view holds still and counts what arrives. */
  following: boolean;
  /** The matching total when the view was paused. */
  pausedAt: number;
  selected: Map<number, FailureEntry>;
  /** Open the log at its tail; a link (notification, tray) narrows it to a manager or a job. */
  open(managerId?: string, job?: string): Promise<void>;
  follow(on: boolean): void;
  toggle(entry: FailureEntry): void;
  clearSelection(): void;
  /** Download the matching failures; resolves to why that failed, or null. */
  exportAs(format: 'text' | 'json'): Promise<string | null>;
}

export const useFailures = create<FailuresState>()((set, get) => {
  const list = windowedList<FailureEntry, Filter, FailurePage, FailuresState>(set, get, {
    filter: emptyFailureFilter(),
    margin: 80,
    limit: 1000,
    query: (filter, offset, limit) => call('failures.query', { filter, offset, limit }),
    read: ({ offset, total, entries, managers, clusters }) => ({ offset, total, rows: entries, keep: { managers: unchanged(get().managers, managers), clusters: unchanged(get().clusters, clusters) } }),
    followsTail: (s) => s.following,
  });
  return {
    ...list,
    managers: [],
    clusters: [],
    following: true,
    pausedAt: 0,
    selected: new Map(),
    open(managerId, job) {
      get().follow(true);
      if (managerId || job) return get().setFilter({ ...emptyFailureFilter(), managerIds: managerId ? [managerId] : [], job: job ?? '' });
      return get().reload();
    },
    async setFilter(patch) {
      set({ selected: new Map() });
      await list.setFilter(patch);
      set({ pausedAt: get().total });
    },
    follow(on) {
      if (on === get().following) return;
      set({ following: on, pausedAt: get().total });
    },
    toggle(entry) {
      const selected = new Map(get().selected);
      if (selected.has(entry.id)) selected.delete(entry.id);
      else selected.set(entry.id, entry);
      set({ selected });
    },
    clearSelection() {
      set({ selected: new Map() });
    },
    async exportAs(format) {
      const res = await call('failures.export', { filter: get().filter, format });
      if (!res.ok) return res.message;
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      download(`dragonfly-failures-${stamp}.${format === 'json' ? 'json' : 'txt'}`, res.value.content, format === 'json' ? 'application/json' : 'text/plain');
      return null;
    },
  };
});

/** Tail the log while it is on screen; a burst (a job with 500 failed peers) makes one reload. */
export const watchFailures = () => onEvents(['failures.appended'], 150, () => useFailures.getState().invalidate());
