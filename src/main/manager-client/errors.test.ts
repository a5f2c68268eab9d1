import { describe, expect, it } from 'vitest';
import { DeskError } from '../../shared/result';
import { httpError, managerText, networkError, parseValidationErrors } from './errors';

const answer = (status: number, text: string, location?: string) => ({ status, text, location });

describe('mapping manager errors (manager-api.md §5)', () => {
  it('names the manager and says what failed on a sign-in 401', () => {
    const e = httpError('prod-eu', '/api/v1/users/signin', answer(401, '{"message":"Unauthorized"}'), 'signin');
    expect(e.code).toBe('unauthorized');
    expect(e.message).toBe('prod-eu rejected the username or password (401 Unauthorized)');
  });

  it('tells a PAT 401 from a JWT 401', () => {
    expect(httpError('m', '/oapi/v1/jobs', answer(401, '{"message":"Unauthorized"}'), 'pat').message).toContain('does not know this personal access token');
    expect(httpError('m', '/api/v1/jobs', answer(401, '{"message":"Unauthorized"}'), 'jwt').message).toContain('rejected the credentials');
  });

  it('maps the RBAC refusal (a 401 with "permission deny") to permission_denied', () => {
    const e = httpError('prod-eu', '/api/v1/jobs', answer(401, '{"message":"permission deny"}'), 'jwt');
    expect(e.code).toBe('permission_denied');
    expect(e.message).toMatch(/^prod-eu: this user may not do that \(permission deny\)/);
  });

  it('explains each PAT 403 text', () => {
    expect(httpError('m', '/oapi/v1/jobs', answer(403, '{"message":"Token is inactive"}'), 'pat').message).toBe(
      'm: the personal access token is inactive; re-activate it on the manager (403 Token is inactive)',
    );
    expect(httpError('m', '/oapi/v1/jobs', answer(403, '{"message":"Token has expired"}'), 'pat').message).toContain('has expired');
    const scope = httpError(
      'm',
      '/oapi/v1/clusters',
      answer(403, '{"message":"Token doesn\'t have permission to access this resource. Required permission: cluster"}'),
      'pat',
    );
    expect(scope.code).toBe('forbidden');
    expect(scope.message).toContain('lacks the "cluster" scope');
  });

  it('reads 422 {"errors"} and names the JSON field that failed', () => {
    const raw = JSON.stringify({
      errors:
        "Key: 'CreatePreheatJobRequest.Args.Count' Error:Field validation for 'Count' failed on the 'lte' tag\nKey: 'CreatePreheatJobRequest.Args.PieceLength' Error:Field validation for 'PieceLength' failed on the 'gte' tag",
    });
    const e = httpError('prod-us', '/api/v1/jobs', answer(422, raw), 'jwt');
    expect(e.code).toBe('validation');
    expect(e.message).toBe('prod-us rejected the request: args.count is above the allowed maximum; args.piece_length is below the allowed minimum');
    expect(e.details?.fields).toEqual([
      { field: 'args.count', rule: 'lte' },
      { field: 'args.piece_length', rule: 'gte' },
    ]);
  });

  it('turns Go field names with acronyms into the JSON names', () => {
    expect(parseValidationErrors("Key: 'CreatePreheatJobRequest.Args.IPs' Error:Field validation for 'IPs' failed on the 'gte' tag")).toEqual([
      { field: 'args.ips', rule: 'gte' },
    ]);
  });

  it('reads the doubled 422 body', () => {
    const once = '{"errors":"Key: \'CreateJobRequest.Type\' Error:Field validation for \'Type\' failed on the \'required\' tag"}';
    const e = httpError('m', '/api/v1/jobs', answer(422, once + once), 'jwt');
    expect(e.message).toBe('m rejected the request: type is required');
  });

  it('reads the 429 plain text', () => {
    const e = httpError('prod-eu', '/api/v1/jobs', answer(429, 'rate limit exceeded'), 'jwt');
    expect(e.code).toBe('rate_limited');
    expect(e.message).toBe('prod-eu is rate limiting job creation (429 rate limit exceeded)');
  });

  it('reads the 500 {"message"}', () => {
    const e = httpError('prod-eu', '/api/v1/jobs', answer(500, '{"message":"candidate schedulers not found"}'), 'jwt');
    expect(e.code).toBe('server_error');
    expect(e.message).toBe('prod-eu failed: candidate schedulers not found (500)');
  });

  it('summarises a non-JSON body instead of dumping HTML', () => {
    expect(httpError('m', '/api/v1/jobs', answer(502, '<html><body>Bad Gateway</body></html>'), 'jwt').message).toBe(
      'm failed: an HTML page instead of an API answer (502)',
    );
    expect(managerText('upstream connect error or disconnect/reset before headers')).toBe('upstream connect error or disconnect/reset before headers');
  });

  it('reads a 301 as an endpoint this version lacks', () => {
    const e = httpError('old', '/api/v1/jobs', answer(301, '', '/'), 'jwt');
    expect(e.code).toBe('endpoint_missing');
    expect(e.message).toContain('old has no /api/v1/jobs endpoint');
  });

  it('404 keeps the manager text', () => {
    expect(httpError('m', '/api/v1/jobs/9', answer(404, '{"message":"record not found"}'), 'jwt').message).toBe('m: record not found (404)');
  });

  it('maps transport failures to clear words', () => {
    const refused = networkError('prod-eu', 'http://10.0.0.1:8080', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 15000);
    expect(refused).toBeInstanceOf(DeskError);
    expect(refused.message).toBe('prod-eu is unreachable at http://10.0.0.1:8080: connection refused');
    expect(networkError('m', 'u', Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 15000).message).toBe('m did not answer within 15 s');
    const tls = networkError('m', 'https://m', Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 15000);
    expect(tls.code).toBe('tls');
    expect(tls.message).toContain('Add its CA certificate');
  });
});
