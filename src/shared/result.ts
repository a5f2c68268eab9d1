import { z } from 'zod';

/** Every error that crosses from the back end to the UI carries one of these codes. */
export const ErrorCode = z.enum([
  'invalid_input', // the UI sent something the contract does not accept
  'not_found', // a manager or job id the back end does not know
  'unreachable', // connection refused, reset, DNS failure
  'timeout', // the manager did not answer in time
  'tls', // certificate or TLS handshake problem
  'unauthorized', // 401: sign-in failed, token rejected
  'forbidden', // 403: PAT inactive, expired or lacking scope
  'permission_denied', // RBAC refusal (the manager answers 401 "permission deny")
  'manager_not_found', // the manager answered 404
  'validation', // 422 from the manager
  'rate_limited', // 429
  'conflict', // 409
  'server_error', // 5xx
  'endpoint_missing', // a 3xx: the endpoint does not exist on this manager version
  'bad_response', // the manager answered something that does not fit its API
  'keychain', // the OS keychain refused or is unavailable
  'storage', // a local file could not be read or written
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const Failure = z.object({
  ok: z.literal(false),
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Failure = z.infer<typeof Failure>;

export type Result<T> = { ok: true; value: T } | Failure;

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), Failure]);
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): Failure {
  return details ? { ok: false, code, message, details } : { ok: false, code, message };
}

/** An error that carries a typed failure; thrown inside the back end, converted at the boundary. */
export class DeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DeskError';
  }

  toFailure(): Failure {
    return fail(this.code, this.message, this.details);
  }
}
