import type { HandlersOf } from '../../shared/contract';
import type { Services } from '../services';

export function watchHandlers({ watcher }: Services): HandlersOf<'watch'> {
  return {
    'watch.states': async () => watcher.states(),
    'watch.kick': async () => {
      await watcher.tick();
      return { ok: true as const };
    },
  };
}
