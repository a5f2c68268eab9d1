import type { HandlersOf } from '../../shared/contract';
import type { Services } from '../services';

export function settingsHandlers({ settings }: Services): HandlersOf<'settings'> {
  return {
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => settings.update(patch),
  };
}
