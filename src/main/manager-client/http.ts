import { createPool, request, type Pool } from './undici-pool';
import type { DeskError } from '../../shared/result';
import { networkError } from './errors';

export interface Endpoint {
  /** Display name, used in every error message. */
  name: string;
  baseUrl: string;
  /** PEM text of an extra CA to trust for this manager only. */
  caCert: string | null;
  skipTlsVerify: boolean;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  latencyMs: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * One undici pool per manager. Redirects are never followed (a 301 from the manager means
 * "no such endpoint"), no cookie jar exists, and every request has a deadline.
 */
export class ManagerHttp {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(
    readonly endpoint: Endpoint,
    private readonly defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    const url = new URL(endpoint.baseUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = createPool(url.origin, {
      connections: 6,
      keepAliveTimeout: 10_000,
      connect: {
        timeout: Math.min(defaultTimeoutMs, 10_000),
        ...(url.protocol === 'https:'
          ? { rejectUnauthorized: !endpoint.skipTlsVerify, ...(endpoint.caCert ? { ca: endpoint.caCert } : {}) }
          : {}),
      },
    });
  }

  url(path: string): string {
    return `${new URL(this.endpoint.baseUrl).origin}${this.basePath}${path}`;
  }

  /**
   * A GET that fails because a kept-alive connection was closed under it (the manager restarted) is
   * sent once more on a fresh connection; other methods are never repeated blindly.
   */
  async send(req: HttpRequest): Promise<HttpAnswer> {
    try {
      return await this.sendOnce(req);
    } catch (err) {
      const code = (err as DeskError).details?.errno;
      if (req.method !== 'GET' || (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET')) throw err;
      return this.sendOnce(req);
    }
  }

  private async sendOnce(req: HttpRequest): Promise<HttpAnswer> {
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query.set(k, String(v));
    const qs = query.toString();
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    const started = performance.now();
    try {
      const res = await request(this.pool, {
        method: req.method,
        path: `${this.basePath}${req.path}${qs ? `?${qs}` : ''}`,
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.body.text();
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
      }
      return { status: res.statusCode, headers: flat, text, latencyMs: performance.now() - started };
    } catch (err) {
      throw networkError(this.endpoint.name, this.endpoint.baseUrl, err, timeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.pool.close().catch(() => undefined);
  }
}
