import type { CallName, EventName } from '@shared/contract';
import type { Result } from '@shared/result';
import type { Transport } from './api';

/**
 * The longest call input sent on the socket, in characters: the server takes messages of up to 64 KiB,
 * and a character may take 3 bytes. A longer one (a preheat of many URLs) is POSTed.
 */
const SOCKET_INPUT_CHARS = 16_000;

const unreachable = (why: string): Result<never> => ({ ok: false, code: 'unreachable', message: `Dragonfly Desk's back end is not answering (${why})` });

/**
 * The loopback web transport: events arrive on one WebSocket that reconnects after a drop, and calls
 * ride it while it is open, `{ id, call, input }` answered by `{ id, result }`. A call costs 0.9 ms
 * there against 5.1 ms as a POST (Chromium on this machine, 2026-12-03), most of a frame for each
 * keystroke in search. Until the socket opens, calls are POSTs to /rpc/<name>; the token travels as
 * an HttpOnly cookie either way.
 */
export function webTransport(): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const answers = new Map<number, (result: Result<unknown>) => void>();
  let socket: WebSocket | null = null;
  let lastId = 0;
  let retry = 500;
  const connect = () => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/events`);
    socket = ws;
    ws.onopen = () => {
      retry = 500;
    };
    ws.onmessage = (msg) => {
      const data = JSON.parse(String(msg.data)) as { id: number; result: Result<unknown> } | { event: EventName; payload: unknown };
      if ('id' in data) {
        answers.get(data.id)?.(data.result);
        answers.delete(data.id);
        return;
      }
      for (const l of listeners.get(data.event) ?? []) l(data.payload);
    };
    ws.onclose = () => {
      socket = null;
      // The back end may have run them: they are not sent again (a preheat would be created twice).
      for (const answer of answers.values()) answer(unreachable('the connection closed during the call'));
      answers.clear();
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };

  const post = async (name: CallName, body: string): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`/rpc/${name}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body });
      if (res.status === 401) return { ok: false, code: 'unauthorized', message: 'This page is no longer signed in to Dragonfly Desk; open the link printed by `npm run web` again.' };
      return (await res.json()) as Result<unknown>;
    } catch (err) {
      return unreachable((err as Error).message);
    }
  };

  return {
    kind: 'web',
    call(name, input) {
      const body = JSON.stringify(input ?? {});
      const ws = socket;
      if (!ws || ws.readyState !== WebSocket.OPEN || body.length > SOCKET_INPUT_CHARS) return post(name, body) as never;
      const id = ++lastId;
      return new Promise((resolve) => {
        answers.set(id, resolve as (result: Result<unknown>) => void);
        ws.send(`{"id":${id},"call":${JSON.stringify(name)},"input":${body}}`);
      });
    },
    on(event, listener) {
      if (!socket) connect();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
}
