import type { EventListener } from '../../shared/contract';
import type { Log } from '../log/logger';
import type { Result } from '../../shared/result';

/** What a transport needs of the back end: a checked call (see dispatch), its events, and somewhere to log. */
export interface TransportHost {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  /** A page of the UI started loading: background reads let its calls go first for a moment. */
  pageLoading(): void;
  subscribe(listener: EventListener): () => void;
  log: Log;
}
