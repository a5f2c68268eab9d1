import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TransportHost } from '../host';
import { contentSecurityPolicy } from '../csp';
import { dispatch } from '../dispatch';
import { readStatic } from './static-files';

export interface WebServerOptions {
  backend: TransportHost;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
}

export interface WebServer {
  url: string;
  /** The URL to open: carries the one-time token, which the server swaps for a cookie. */
  launchUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

/**
 * The loopback web transport: the same contract handlers over HTTP (calls) and a WebSocket (events),
 * on 127.0.0.1 only. Every request and socket must carry the per-run token and a loopback Host; a
 * browser Origin must be this server. Anything else gets a bare 401.
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(token);
  let port = 0;
  const cookieName = () => `desk_token_${port}`;
  const origins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  const tokenMatches = (candidate: string | undefined | null) => {
    if (!candidate) return false;
    const got = Buffer.from(candidate);
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const cookieToken = (req: IncomingMessage) => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === cookieName()) return v.join('=');
    }
    return null;
  };

  /** Host and Origin guard DNS rebinding and cross-site requests; the token guards everything. */
  const trusted = (req: IncomingMessage, url: URL): 'ok' | 'via-query' | false => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && !origins().includes(origin)) return false;
    if (tokenMatches(cookieToken(req)) || tokenMatches(req.headers['x-desk-token'] as string | undefined)) return 'ok';
    if (req.method === 'GET' && tokenMatches(url.searchParams.get('token'))) return 'via-query';
    return false;
  };

  const deny = (res: ServerResponse) => {
    res.writeHead(401, { 'content-length': '0' });
    res.end();
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
      if (!trust) return deny(res);
      if (trust === 'via-query') {
        // Swap the token in the address bar for an HttpOnly cookie, then drop it from the URL.
        url.searchParams.delete('token');
        res.writeHead(303, {
          ...securityHeaders,
          location: `${url.pathname}${url.search}`,
          'set-cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          'content-length': '0',
        });
        return res.end();
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
        const result = await dispatch(opts.backend.handlers, decodeURIComponent(url.pathname.slice(5)), input, opts.backend.log);
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
      res.writeHead(200, {
        ...securityHeaders,
        'content-type': file.type,
        'content-security-policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
        'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch((err) => {
      opts.backend.log(`web transport: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-length': '0' });
      res.end();
    });
  });

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
      // The UI only listens; anything it sends is ignored.
      ws.on('message', () => undefined);
    });
  });

  const unsubscribe = opts.backend.subscribe((event, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    launchUrl: `${url}?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
