import type { HandlersOf } from '../../shared/contract';
import { failureText } from '../../shared/failure-text';
import type { Services } from '../services';

export function failureHandlers({ failures }: Services): HandlersOf<'failures'> {
  return {
    'failures.query': async ({ filter, offset, limit }) => failures.query(filter, offset, limit),
    'failures.export': async ({ filter, format }) => {
      const list = failures.matching(filter);
      return { content: format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : `${failureText(list)}\n`, count: list.length };
    },
  };
}
