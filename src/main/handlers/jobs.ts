import type { HandlersOf } from '../../shared/contract';
import { exportJobs } from '../jobs/job-export';
import type { Services } from '../services';

export function jobHandlers({ jobs, jobActions, app }: Services): HandlersOf<'jobs'> {
  return {
    'jobs.query': async ({ filter, offset, limit }) => jobs.query(filter, offset, limit),
    'jobs.loadMore': async ({ managerId }) => ({ loaded: await jobs.loadMore(managerId) }),
    'jobs.loadAll': async () => ({ loaded: await jobs.loadAll() }),
    'jobs.refresh': async () => ({ refreshed: await jobs.refreshAll() }),
    'jobs.resolveTargets': async ({ refs }) => ({ requested: await jobs.resolveTargets(refs) }),
    'jobs.get': async (ref) => jobs.detail(ref),
    'jobs.find': async ({ jobId, managerIds }) => jobActions.find(jobId, managerIds),
    'jobs.cover': async ({ since }) => {
      const before = jobs.index.size;
      await jobs.loadSince(Date.parse(since));
      return { loaded: jobs.index.size - before };
    },
    'jobs.delete': async ({ refs }) => jobActions.delete(refs),
    'jobs.describe': async ({ description, ...ref }) => jobActions.describe(ref, description),
    'jobs.export': async ({ filter, refs, format }) => exportJobs(refs ? jobs.rowsFor(refs) : jobs.rowsOf(filter), format, new Date(app.now())),
  };
}
