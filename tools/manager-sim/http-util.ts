import type { IncomingMessage, ServerResponse } from 'node:http';

const GIN_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

/** gin's c.JSON escapes <, > and & as \u003c, \u003e, \u0026 (manager-api.md §1): one pass over a page of jobs. */
export function ginJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => GIN_ESCAPES[c]!);
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** A value to encode as gin JSON, or raw text when `text` is set. */
  json?: unknown;
  text?: string;
  contentType?: string;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, json: body, headers });
export const message = (status: number, msg: string, headers?: Record<string, string>): Reply => json(status, { message: msg }, headers);
export const errors = (msg: string): Reply => json(422, { errors: msg });

export function writeReply(res: ServerResponse, reply: Reply, extra: Record<string, string>) {
  const headers: Record<string, string> = { ...extra, ...reply.headers };
  let body = '';
  if (reply.text !== undefined) {
    body = reply.text;
    headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
  } else if (reply.json !== undefined) {
    body = ginJson(reply.json);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status, headers);
  res.end(body);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Go's url.Values.Encode: keys sorted, values query-escaped (space as +). */
export function goEncode(params: URLSearchParams): string {
  const keys = [...new Set(params.keys())].sort();
  const esc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keys.flatMap((k) => params.getAll(k).map((v) => `${esc(k)}=${esc(v)}`)).join('&');
}

/** setPaginationLinkHeader (manager/handlers/handlers.go): prev, next, first, last; unquoted rel. */
export function linkHeader(path: string, query: URLSearchParams, page: number, perPage: number, total: number): string {
  const last = Math.ceil(total / perPage);
  const prev = page === 1 ? 1 : page - 1;
  const next = page === last ? page : page + 1;
  return (
    [
      ['prev', prev],
      ['next', next],
      ['first', 1],
      ['last', last],
    ] as const
  )
    .map(([rel, p]) => {
      const q = new URLSearchParams(query);
      q.set('page', String(p));
      q.set('per_page', String(perPage));
      return `<${path}?${goEncode(q)}>;rel=${rel}`;
    })
    .join(',');
}
