import type { EventListener, Handlers } from '../../shared/contract';
import type { Log } from '../log/logger';

/** What a transport needs of the back end: the handlers, its events, and somewhere to log. */
export interface TransportHost {
  handlers: Handlers;
  subscribe(listener: EventListener): () => void;
  log: Log;
}
