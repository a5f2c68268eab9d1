import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '@shared/contract';
import type { Result } from '@shared/result';
import { webTransport } from './web-transport';

type Listener<N extends EventName> = (payload: EventPayload<N>) => void;

/** What the preload exposes in Electron: one function per call, plus `on`. */
type DeskBridge = {
  [N in CallName]: (input: CallInput<N>) => Promise<Result<CallOutput<N>>>;
} & { on<N extends EventName>(event: N, listener: Listener<N>): () => void };

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

export interface Transport {
  kind: 'electron' | 'web';
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  on<N extends EventName>(event: N, listener: Listener<N>): () => void;
}

function electronTransport(bridge: DeskBridge): Transport {
  return {
    kind: 'electron',
    call: (name, input) => bridge[name](input as never) as never,
    on: (event, listener) => bridge.on(event, listener),
  };
}

export const transport: Transport = window.desk ? electronTransport(window.desk) : webTransport();

/** Answers asked for ahead (`ahead`), each waiting for the one identical call that takes it. */
const early = new Map<string, Promise<Result<unknown>>>();
let recording = false;
/** How long an answer asked for ahead waits to be taken: the page it was for may never open. */
const EARLY_TTL_MS = 5_000;

/**
 * Run `start` now, e.g. a page's first load before that page has mounted: each call it makes is kept,
 * and the next identical call (the page's own, once it mounts) takes its answer instead of asking again.
 */
export function ahead(start: () => void) {
  recording = true;
  try {
    start();
  } finally {
    recording = false;
  }
}

/** Call the back end; a failure comes back as a value, never as an exception. */
export function call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
  const key = `${name} ${JSON.stringify(input)}`;
  const kept = early.get(key);
  if (kept) {
    early.delete(key);
    return kept as Promise<Result<CallOutput<N>>>;
  }
  const answer = transport.call(name, input);
  if (recording) {
    early.set(key, answer);
    setTimeout(() => early.get(key) === answer && early.delete(key), EARLY_TTL_MS);
  }
  return answer;
}

/**
 * Run `fn` after any of these events: at once for the first of a burst, then at most once every `ms`.
 * Returns the unsubscribe: a view subscribes while it is on screen and disposes of it when it goes away.
 */
export function onEvents(names: EventName[], ms: number, fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = Number.NEGATIVE_INFINITY;
  const fire = () => {
    timer ??= setTimeout(
      () => {
        timer = null;
        last = performance.now();
        fn();
      },
      Math.max(0, last + ms - performance.now()),
    );
  };
  const offs = names.map((n) => transport.on(n, fire));
  return () => {
    if (timer) clearTimeout(timer);
    for (const off of offs) off();
  };
}
