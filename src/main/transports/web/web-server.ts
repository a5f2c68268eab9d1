import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TransportHost } from '../host';
import { contentSecurityPolicy } from '../csp';
import { readStatic } from './static-files';

export interface WebServerOptions {
  /**
   * The back end, or its start: the server listens and serves the UI's files while the services load,
   * and calls and the event socket wait for them.
   */
  backend: TransportHost | Promise<TransportHost>;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed API token for tests; a random one per run otherwise. */
  token?: string;
}

export interface WebServer {
  url: string;
  /** The URL to open: carries a one-time launch token, which the server swaps for this run's cookie. */
  launchUrl: string;
  port: number;
  /** For scripts and tests only, in the `x-desk-token` header; never accepted in a URL. */
  token: string;
  /** Another one-time launch URL, for another browser. */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;
const MAX_SESSIONS = 100;
const BACKEND_DOWN = { ok: false, code: 'internal', message: 'The back end could not start; its error is on the terminal that started it' } as const;

const secret = () => randomBytes(32).toString('base64url');

const equal = (candidate: string | undefined | null, expected: string) => {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The loopback web transport: the same contract handlers over HTTP (calls) and a WebSocket (events),
 * on 127.0.0.1 only. A browser gets in once, with the one-time token of the launch URL, which is
 * swapped for an HttpOnly cookie that only this run knows; the token is then spent and refused in any
 * URL. Scripts send the API token in a header. The Host must be loopback and a browser Origin this
 * server. Anything else gets a 401.
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const backend = Promise.resolve(opts.backend);
  // A back end that failed to start is reported (and the process ended) by whoever started it; calls get a 503.
  backend.catch(() => undefined);
  const log = (message: string) => void backend.then((b) => b.log(message), () => process.stderr.write(`${message}\n`));
  const token = opts.token ?? secret();
  /** Launch tokens not used yet. */
  const launchTokens = new Set<string>([secret()]);
  /** Cookie values handed out by this run; a cookie of another run has another name and is never read. */
  const sessions = new Set<string>();
  const cookieName = `desk_run_${randomBytes(6).toString('hex')}`;
  let port = 0;
  const origins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  const cookieSession = (req: IncomingMessage) => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === cookieName) return v.join('=');
    }
    return null;
  };
  const spend = (candidate: string | null) => {
    for (const t of launchTokens) {
      if (equal(candidate, t)) {
        launchTokens.delete(t);
        return true;
      }
    }
    return false;
  };

  /** Host and Origin guard DNS rebinding and cross-site requests; a session or the API token guards the rest. */
  const trusted = (req: IncomingMessage, url: URL): 'ok' | 'launch' | 'spent' | false => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && !origins().includes(origin)) return false;
    const queryToken = url.searchParams.get('token');
    const session = cookieSession(req);
    const known = session !== null && [...sessions].some((s) => equal(session, s));
    if (queryToken !== null) {
      if (req.method === 'GET' && spend(queryToken)) return 'launch';
      // A token in a URL never grants anything; a browser already in only loses it from the address bar.
      return known ? 'spent' : false;
    }
    if (known || equal(req.headers['x-desk-token'] as string | undefined, token)) return 'ok';
    return false;
  };

  const deny = (res: ServerResponse, why = '') => {
    res.writeHead(401, why ? { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(why)) } : { 'content-length': '0' });
    res.end(why);
  };

  const securityHeaders = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolveBody, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          reject(new Error('body too large'));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const trust = trusted(req, url);
      if (!trust) {
        const spentLink = url.searchParams.has('token') && req.method === 'GET';
        return deny(res, spentLink ? 'This Dragonfly Desk link has been used already. Open the app in the browser that used it, or start `npm run web` again for a new link.\n' : '');
      }
      if (trust === 'launch' || trust === 'spent') {
        // Swap the token in the address bar for this run's HttpOnly session cookie (no expiry: it dies
        // with the browser session), then drop it from the URL.
        url.searchParams.delete('token');
        const headers: Record<string, string> = { ...securityHeaders, location: `${url.pathname}${url.search}`, 'content-length': '0' };
        if (trust === 'launch') {
          const session = secret();
          sessions.add(session);
          // One per browser that opened a link; the oldest go first past a sane number.
          if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.values().next().value as string);
          headers['set-cookie'] = `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`;
        }
        res.writeHead(303, headers);
        return res.end();
      }
      if (url.pathname === '/launch' && req.method === 'POST') {
        // A script with the API token asks for another one-time link (a test opening a second browser).
        if (!equal(req.headers['x-desk-token'] as string | undefined, token)) return deny(res);
        res.writeHead(200, { ...securityHeaders, 'content-type': 'application/json', 'cache-control': 'no-store' });
        return res.end(JSON.stringify({ launchUrl: mint() }));
      }
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') {
          res.writeHead(405, { allow: 'POST', 'content-length': '0' });
          return res.end();
        }
        let input: unknown;
        try {
          const text = await readBody(req);
          input = text ? JSON.parse(text) : {};
        } catch {
          res.writeHead(400, { ...securityHeaders, 'content-type': 'application/json' });
          return res.end(JSON.stringify({ ok: false, code: 'invalid_input', message: 'The request body is not JSON' }));
        }
        const host = await backend.catch(() => null);
        if (!host) {
          res.writeHead(503, { ...securityHeaders, 'content-type': 'application/json' });
          return res.end(JSON.stringify(BACKEND_DOWN));
        }
        const result = await host.call(decodeURIComponent(url.pathname.slice(5)), input);
        const body = JSON.stringify(result);
        res.writeHead(200, { ...securityHeaders, 'content-type': 'application/json', 'cache-control': 'no-store' });
        return res.end(body);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { 'content-length': '0' });
        return res.end();
      }
      const file = await readStatic(opts.staticDir, url.pathname);
      if (!file) {
        res.writeHead(404, { ...securityHeaders, 'content-length': '0' });
        return res.end();
      }
      // The document itself (never cached): a page loads.
      if (!file.immutable) void backend.then((host) => host.pageLoading(), () => undefined);
      res.writeHead(200, {
        ...securityHeaders,
        'content-type': file.type,
        'content-security-policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
        'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((err) => {
      log(`web transport: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-length': '0' });
      res.end();
    });
  });

  /**
   * A call on the socket, `{ id, call, input }`, answered by `{ id, result }` through the same checked
   * entry as a POST: the socket was let in as a POST would be (Host, Origin, session or API token). A
   * message that is not a call closes the socket, as the page would never send one.
   */
  const answer = async (ws: WebSocket, text: string) => {
    let msg: { id?: unknown; call?: unknown; input?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return ws.close(1003, 'not JSON');
    }
    if (!Number.isSafeInteger(msg?.id) || typeof msg.call !== 'string') return ws.close(1008, 'not a call');
    const host = await backend.catch(() => null);
    const result = host ? await host.call(msg.call, msg.input) : BACKEND_DOWN;
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, result }));
  };

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events' || trusted(req, url) !== 'ok') {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => void answer(ws, String(data)));
    });
  });

  let closed = false;
  let unsubscribe = () => undefined as unknown;
  void backend.then(
    (b) => {
      if (closed) return;
      unsubscribe = b.subscribe((event, payload) => {
        const frame = JSON.stringify({ event, payload });
        for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
      });
    },
    () => undefined,
  );

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  function mint() {
    const t = secret();
    launchTokens.add(t);
    return `${url}?token=${t}`;
  }
  return {
    url,
    launchUrl: `${url}?token=${[...launchTokens][0]}`,
    port,
    token,
    newLaunchUrl: mint,
    async close() {
      closed = true;
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
