import { create } from 'zustand';
import type { JobFilter, JobPage, JobRow, ManagerLoadState } from '@shared/models';
import type { PreheatsIntent } from '@renderer/app/route';
import { windowedList, type WindowedList } from '@renderer/lib/windowed-list';
import { call, onEvents } from '@renderer/transport/api';

type Filter = Required<JobFilter>;

export const emptyFilter = (): Filter => ({ statuses: [], managerIds: [], clusters: [], kinds: [], search: '' });

interface PreheatsState extends WindowedList<JobRow, Filter> {
  sources: ManagerLoadState[];
  clusters: JobPage['clusters'];
  /** Show the list, narrowed as the move that opened it asks. */
  open(intent?: PreheatsIntent): Promise<void>;
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
}));

/** Keep the list in step with the back end while it is on screen. */
export const watchPreheats = () => onEvents(['jobs.changed'], 200, () => void usePreheats.getState().reload());
