import type { EventListener } from '../../shared/contract';
import type { Log } from '../log/logger';
import type { Result } from '../../shared/result';

/** What a transport needs of the back end: a checked call (see dispatch), its events, and somewhere to log. */
export interface TransportHost {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: EventListener): () => void;
  log: Log;
}
