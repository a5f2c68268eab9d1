import type { Backend } from '../../src/main/backend';
import { dispatch } from '../../src/main/transports/dispatch';
import type { OutcomeCounts } from '../../src/shared/dashboard';

/** A call as the UI makes it, its value or a thrown error naming the call. */
export async function uiCall<T = any>(backend: Backend, name: string, input: unknown): Promise<T> {
  const res = await dispatch(backend.handlers, name, input);
  if (!res.ok) throw new Error(`${name}: ${res.message}`);
  return res.value as T;
}

/** Every ended job an outcome count holds. */
export const outcomeSum = (o: OutcomeCounts) => o.succeeded + o.partial + o.unconfirmed + o.failed + o.timed_out;
