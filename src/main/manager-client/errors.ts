import { DeskError } from '../../shared/result';
import { parseFirstJson } from './json';

/** How the request that failed was authenticated; 401s mean different things for each. */
export type AuthContext = 'signin' | 'refresh' | 'jwt' | 'pat' | 'none';

export interface FailedAnswer {
  status: number;
  location?: string | undefined;
  text: string;
}

export interface FieldIssue {
  /** JSON path as the user knows it, e.g. `args.count`. */
  field: string;
  rule: string;
}

const RULES: Record<string, string> = {
  required: 'is required',
  gte: 'is below the allowed minimum',
  lte: 'is above the allowed maximum',
  min: 'is too short',
  max: 'is too long',
  oneof: 'is not one of the allowed values',
  url: 'is not a valid URL',
};

/** `Key: 'CreatePreheatJobRequest.Args.Count' Error:Field validation for 'Count' failed on the 'lte' tag` */
export function parseValidationErrors(text: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pattern = /Key: '([^']+)' Error:Field validation for '[^']*' failed on the '([^']+)' tag/g;
  for (const [, key = '', rule = ''] of text.matchAll(pattern)) {
    const field = key
      .split('.')
      .slice(1)
      .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())
      .join('.');
    issues.push({ field, rule });
  }
  return issues;
}

/** The manager's own words: `message`, else `errors`, else the raw text (manager-api.md §5). */
export function managerText(text: string): string {
  const body = parseFirstJson(text);
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { message, errors } = body as { message?: unknown; errors?: unknown };
    if (typeof message === 'string' && message !== '') return message;
    if (typeof errors === 'string' && errors !== '') return errors;
  }
  const raw = text.trim();
  if (raw === '') return '';
  if (/^<(!doctype|html)/i.test(raw)) return 'an HTML page instead of an API answer';
  const flat = raw.replace(/\s+/g, ' ');
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

function describeValidation(manager: string, text: string): DeskError {
  const issues = parseValidationErrors(text);
  const described = issues.length
    ? issues.map((i) => `${i.field} ${RULES[i.rule] ?? `fails the '${i.rule}' rule`}`).join('; ')
    : text;
  return new DeskError('validation', `${manager} rejected the request: ${described}`, {
    status: 422,
    managerText: text,
    fields: issues,
  });
}

/** Map a non-2xx answer to an error that names the manager and says what to do. */
export function httpError(manager: string, path: string, answer: FailedAnswer, auth: AuthContext): DeskError {
  const { status } = answer;
  const text = managerText(answer.text);
  // A body the manager wrote (JSON) tells its own answer apart from a proxy's page in front of it.
  const details = { status, path, managerText: text, fromManager: parseFirstJson(answer.text) !== undefined };
  if (status >= 300 && status < 400) {
    return new DeskError(
      'endpoint_missing',
      `${manager} has no ${path} endpoint (it answered ${status} → ${answer.location ?? '?'}): this manager version does not support it`,
      details,
    );
  }
  switch (status) {
    case 400:
      return new DeskError('bad_response', `${manager} refused the request as malformed: ${text || 'Bad Request'}`, details);
    case 401:
      if (text === 'permission deny' || text === 'permission validate error!') {
        return new DeskError(
          'permission_denied',
          `${manager}: this user may not do that (${text}). Guest users can only read; sign in as a user with the root role.`,
          details,
        );
      }
      if (auth === 'signin') {
        return new DeskError('unauthorized', `${manager} rejected the username or password (401 ${text || 'Unauthorized'})`, details);
      }
      if (auth === 'pat') {
        return new DeskError('unauthorized', `${manager} does not know this personal access token (401 ${text || 'Unauthorized'})`, details);
      }
      if (auth === 'refresh') {
        return new DeskError('unauthorized', `${manager} would not refresh the session; it is too old (401 ${text || 'Unauthorized'})`, details);
      }
      return new DeskError('unauthorized', `${manager} rejected the credentials (401 ${text || 'Unauthorized'})`, details);
    case 403: {
      let why = text;
      if (text === 'Token is inactive') why = 'the personal access token is inactive; re-activate it on the manager';
      else if (text === 'Token has expired') why = 'the personal access token has expired; create a new one';
      else {
        const scope = /Required permission: (\w+)/.exec(text)?.[1];
        if (scope) why = `the personal access token lacks the "${scope}" scope`;
      }
      return new DeskError('forbidden', `${manager}: ${why} (403 ${text})`, details);
    }
    case 404:
      return new DeskError('manager_not_found', `${manager}: ${text || 'not found'} (404)`, details);
    case 409:
      return new DeskError('conflict', `${manager}: that name is already taken (409 ${text || 'Conflict'})`, details);
    case 422:
      return describeValidation(manager, text);
    case 429:
      return new DeskError('rate_limited', `${manager} is rate limiting job creation (429 ${text || 'rate limit exceeded'})`, details);
    default:
      if (status >= 500) {
        return new DeskError('server_error', `${manager} failed: ${text || 'no error text'} (${status})`, details);
      }
      return new DeskError('bad_response', `${manager} answered ${status}: ${text || 'no body'}`, details);
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

/** Transport failures that happen before a request can have reached the manager. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Whether a failed request certainly did not reach the manager. Anything else (a timeout, a reset
 * while waiting, a body cut short) may have been acted on, so a create must be reconciled, not resent.
 */
export function certainlyNotSent(err: unknown): boolean {
  if (!(err instanceof DeskError)) return false;
  if (err.code === 'tls') return true;
  const errno = err.details?.errno;
  return (err.code === 'unreachable' || err.code === 'timeout') && typeof errno === 'string' && NOT_SENT.has(errno);
}

/** Map a transport failure (no HTTP answer) to an error naming the manager. */
export function networkError(manager: string, baseUrl: string, err: unknown, timeoutMs: number): DeskError {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const detail = e.cause?.message ?? e.message ?? String(err);
  const details = { errno: code, reason: detail };
  if (
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    e.name === 'TimeoutError' ||
    e.name === 'AbortError'
  ) {
    return new DeskError('timeout', `${manager} did not answer within ${Math.round(timeoutMs / 1000)} s`, details);
  }
  if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(detail)) {
    return new DeskError(
      'tls',
      `${manager}'s TLS certificate is not trusted (${detail}). Add its CA certificate to this manager, or skip TLS verification at your own risk.`,
      details,
    );
  }
  const reason =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host not found'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'the connection was reset'
          : code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
            ? 'no route to host'
            : detail;
  return new DeskError('unreachable', `${manager} is unreachable at ${baseUrl}: ${reason}`, details);
}
