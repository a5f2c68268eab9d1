/** Claims the manager puts in its HS256 JWT (manager-api.md §2.1). The signature is the manager's business. */
export interface JwtClaims {
  id: number;
  exp: number;
  origIat: number;
}

export function decodeJwt(token: string): JwtClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const id = Number(claims.id);
    const exp = Number(claims.exp);
    const origIat = Number(claims.orig_iat);
    if (!Number.isFinite(id) || !Number.isFinite(exp)) return null;
    return { id, exp, origIat: Number.isFinite(origIat) ? origIat : exp - 14 * 86400 };
  } catch {
    return null;
  }
}
