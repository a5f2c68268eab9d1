import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  /** index.html must not be cached: it names the current hashed assets. */
  immutable: boolean;
}

/** Resolve a URL path inside `root`; unknown paths fall back to index.html (client-side routes). */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  const base = resolve(root);
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  } catch {
    return null;
  }
  const candidate = resolve(join(base, rel));
  if (candidate !== base && !candidate.startsWith(base + sep)) return null;
  let path = candidate;
  try {
    if (!(await stat(path)).isFile()) path = join(base, 'index.html');
  } catch {
    if (extname(rel)) return null;
    path = join(base, 'index.html');
  }
  try {
    const body = await readFile(path);
    const ext = extname(path);
    return { body, type: TYPES[ext] ?? 'application/octet-stream', immutable: ext !== '.html' };
  } catch {
    return null;
  }
}
