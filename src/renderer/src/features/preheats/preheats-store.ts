import { create } from 'zustand';
import type { JobFilter, JobPage, JobRow, ManagerLoadState } from '@shared/models';
import type { PreheatsIntent } from '@renderer/app/route';
import { windowedList, type WindowedList } from '@renderer/lib/windowed-list';
import { call, onEvents } from '@renderer/transport/api';

type Filter = Required<JobFilter>;

export const emptyFilter = (): Filter => ({ statuses: [], managerIds: [], clusters: [], kinds: [], search: '', createdFrom: null, createdTo: null, sort: 'created', order: 'desc' });

interface PreheatsState extends WindowedList<JobRow, Filter> {
  sources: ManagerLoadState[];
  clusters: JobPage['clusters'];
  /** Show the list, narrowed as the move that opened it asks. */
  open(intent?: PreheatsIntent): Promise<void>;
  /** Ask every manager for its newest jobs now. */
  refresh(): void;
  /** Load the next page of older jobs, of one manager or of all. */
  loadMore(managerId?: string): void;
  loadAll(): void;
}

/** The merged job list of every manager, windowed. */
export const usePreheats = create<PreheatsState>()((set, get) => ({
  ...windowedList<JobRow, Filter, JobPage, PreheatsState>(set, get, {
    filter: emptyFilter(),
    margin: 60,
    limit: 500,
    query: (filter, offset, limit) => call('jobs.query', { filter, offset, limit }),
    read: ({ offset, total, rows, sources, clusters }) => ({ offset, total, rows, keep: { sources, clusters } }),
  }),
  sources: [],
  clusters: [],
  open(intent) {
    return intent ? get().setFilter({ ...emptyFilter(), clusters: [`${intent.managerId}:${intent.clusterId}`] }) : get().reload();
  },
  refresh: () => void call('jobs.refresh', {}),
  loadMore: (managerId) => void call('jobs.loadMore', managerId ? { managerId } : {}),
  loadAll: () => void call('jobs.loadAll', {}),
}));

/** Ask for the targeted clusters of the rows on screen that lack them. */
function resolveTargets() {
  const { rows, range } = usePreheats.getState();
  const refs = [];
  for (let i = range[0]; i < range[1]; i++) {
    const r = rows.get(i);
    if (r && r.clusters === null && !r.gone) refs.push({ managerId: r.managerId, jobId: r.id });
  }
  if (refs.length) void call('jobs.resolveTargets', { refs });
}

/**
 * Keep the list in step with the back end while it is on screen, and once scrolling settles ask
 * for the targets of rows on screen.
 */
export function watchPreheats() {
  const off = onEvents(['jobs.changed'], 200, () => void usePreheats.getState().reload());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = usePreheats.subscribe((s, before) => {
    if (s.rows === before.rows && s.range === before.range) return;
    clearTimeout(timer);
    timer = setTimeout(resolveTargets, 300);
  });
  return () => {
    off();
    unsubscribe();
    clearTimeout(timer);
  };
}
