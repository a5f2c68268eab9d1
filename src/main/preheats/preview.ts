import { isSafeHeader, MASK, maskUrl } from '../../shared/masking';

/** The request body as the preview shows it: the registry password, headers off the safe list and URL signatures masked. */
export function maskedBody(body: Record<string, unknown>): Record<string, unknown> {
  const args = { ...((body.args ?? {}) as Record<string, unknown>) };
  if (typeof args.password === 'string') args.password = MASK;
  if (args.headers && typeof args.headers === 'object') {
    args.headers = Object.fromEntries(Object.entries(args.headers as Record<string, string>).map(([k, v]) => [k, isSafeHeader(k) ? v : MASK]));
  }
  if (typeof args.url === 'string') args.url = maskUrl(args.url);
  if (Array.isArray(args.urls)) args.urls = (args.urls as string[]).map(maskUrl);
  return { ...body, args };
}

/** Escape text for an unquoted shell heredoc, where $, ` and \ are live. */
const heredoc = (s: string) => s.replace(/[\\$`]/g, (c) => `\\${c}`);

/**
 * "Copy as curl": the same body, with `$TOKEN` for the login and `$REGISTRY_PASSWORD` / `$HEADER_<n>` /
 * `$URL_<n>` for secrets (a URL that carries credentials), so nothing secret is ever on the clipboard.
 */
export function curlCommand(url: string, body: Record<string, unknown>): string {
  const args = { ...((body.args ?? {}) as Record<string, unknown>) };
  const marks: [string, string][] = [];
  const mark = (value: string) => {
    const token = `@@desk-secret-${marks.length}@@`;
    marks.push([token, value]);
    return token;
  };
  if (typeof args.password === 'string') args.password = mark('$REGISTRY_PASSWORD');
  if (args.headers && typeof args.headers === 'object') {
    args.headers = Object.fromEntries(
      Object.entries(args.headers as Record<string, string>).map(([k, v]) => [k, isSafeHeader(k) ? v : mark(`$HEADER_${k.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`)]),
    );
  }
  let urlVars = 0;
  const urlOf = (u: string) => (maskUrl(u) === u ? u : mark(`$URL_${++urlVars}`));
  if (typeof args.url === 'string') args.url = urlOf(args.url);
  if (Array.isArray(args.urls)) args.urls = (args.urls as string[]).map(urlOf);
  let json = heredoc(JSON.stringify({ ...body, args }, null, 2));
  for (const [token, value] of marks) json = json.replace(token, value);
  return [`curl -sS -X POST '${url}' \\`, `  -H "Authorization: Bearer $TOKEN" \\`, `  -H 'Content-Type: application/json' \\`, `  -d @- <<EOF`, json, 'EOF'].join('\n');
}
