import type { HandlersOf } from '../../shared/contract';
import type { Services } from '../services';

export function dashboardHandlers({ dashboard, watcher }: Services): HandlersOf<'dashboard'> {
  return {
    'dashboard.view': async ({ range }) => dashboard.view(range),
    'dashboard.refresh': async () => {
      dashboard.refresh();
      watcher.kick();
      return { ok: true as const };
    },
  };
}
