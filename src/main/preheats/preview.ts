import { isSecretHeader } from '../jobs/detail';

const MASK = '••••••••';

/** The request body as the preview shows it: the registry password and credential headers masked. */
export function maskedBody(body: Record<string, unknown>): Record<string, unknown> {
  const args = { ...((body.args ?? {}) as Record<string, unknown>) };
  if (typeof args.password === 'string') args.password = MASK;
  if (args.headers && typeof args.headers === 'object') {
    args.headers = Object.fromEntries(Object.entries(args.headers as Record<string, string>).map(([k, v]) => [k, isSecretHeader(k) ? MASK : v]));
  }
  return { ...body, args };
}

/** Escape text for an unquoted shell heredoc, where $, ` and \ are live. */
const heredoc = (s: string) => s.replace(/[\\$`]/g, (c) => `\\${c}`);

/**
 * "Copy as curl": the same body, with `$TOKEN` for the login and `$REGISTRY_PASSWORD` / `$HEADER_<n>`
 * for secrets, so nothing secret is ever on the clipboard.
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
      Object.entries(args.headers as Record<string, string>).map(([k, v]) => [k, isSecretHeader(k) ? mark(`$HEADER_${k.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`) : v]),
    );
  }
  let json = heredoc(JSON.stringify({ ...body, args }, null, 2));
  for (const [token, value] of marks) json = json.replace(token, value);
  return [`curl -sS -X POST '${url}' \\`, `  -H "Authorization: Bearer $TOKEN" \\`, `  -H 'Content-Type: application/json' \\`, `  -d @- <<EOF`, json, 'EOF'].join('\n');
}
