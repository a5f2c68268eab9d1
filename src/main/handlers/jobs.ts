import type { HandlersOf } from '../../shared/contract';
import type { Services } from '../services';

export function jobHandlers({ jobs }: Services): HandlersOf<'jobs'> {
  return {
    'jobs.query': async ({ filter, offset, limit }) => jobs.query(filter, offset, limit),
    'jobs.loadMore': async ({ managerId }) => ({ loaded: await jobs.loadMore(managerId) }),
    'jobs.loadAll': async () => ({ loaded: await jobs.loadAll() }),
    'jobs.refresh': async () => ({ refreshed: await jobs.refreshAll() }),
    'jobs.resolveTargets': async ({ refs }) => ({ requested: await jobs.resolveTargets(refs) }),
    'jobs.get': async (ref) => jobs.detail(ref),
  };
}
