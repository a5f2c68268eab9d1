import type { HandlersOf } from '../../shared/contract';
import type { Services } from '../services';

export function outboxHandlers({ outbox }: Services): HandlersOf<'outbox'> {
  return {
    'outbox.list': async () => ({ submissions: outbox.list(), ...outbox.counts() }),
    'outbox.retry': async ({ id, managerId }) => outbox.retry(id, managerId),
    'outbox.cancel': async ({ id, managerId }) => outbox.cancel(id, managerId),
  };
}
