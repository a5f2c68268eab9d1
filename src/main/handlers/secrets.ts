import type { HandlersOf } from '../../shared/contract';
import type { Services } from '../services';

export function secretHandlers(s: Services): HandlersOf<'secrets'> {
  return {
    'secrets.status': async () => s.vault.status(),
    'secrets.recheck': async () => s.vault.recheck(),
    'secrets.use': async ({ storage }) => s.vault.use(storage),
  };
}
