/**
 * What may be shown of a request: masking by allowlist. A header's value is shown only when its name
 * is on a short list of headers known to carry no credential; a URL loses its userinfo and the values
 * of query parameters shaped like signatures or tokens (presigned object-storage URLs).
 */
export const MASK = '••••••';

const SAFE_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-type',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'pragma',
  'range',
  'user-agent',
  'x-request-id',
]);

/** True when a header's value may be shown, stored and exported as it is. */
export function isSafeHeader(name: string): boolean {
  return SAFE_HEADERS.has(name.trim().toLowerCase());
}

/** Query parameters whose values authorize a request: signatures, credentials, tokens, keys. */
const SIGNATURE_PARAM = /sig|signature|token|credential|secret|password|passwd|auth|key|session|policy|^q-a?k$|^x-amz-|^x-goog-|^x-obs-|^x-oss-|^ossaccesskeyid$|^expires$/i;

export function isSignatureParam(name: string): boolean {
  return SIGNATURE_PARAM.test(name);
}

/** A URL with its userinfo and signature-like query values masked; text that is not a URL comes back as is. */
export function maskUrl(raw: string): string {
  // Userinfo needs an "@" and a query a "?": without either there is nothing to mask, and no URL to parse.
  if (!raw.includes('@') && !raw.includes('?')) return raw;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && !url.username && !url.password && !url.search) return raw;
  let changed = false;
  if (url.username || url.password) {
    url.username = MASK;
    url.password = '';
    changed = true;
  }
  for (const name of [...new Set(url.searchParams.keys())]) {
    if (isSignatureParam(name)) {
      url.searchParams.set(name, MASK);
      changed = true;
    }
  }
  if (!changed) return raw;
  // URLSearchParams encodes the mask; show it as typed.
  return url.toString().replaceAll(encodeURIComponent(MASK), MASK);
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** Every URL inside free text (an error message, a log line) masked. */
export function maskUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (u) => maskUrl(u));
}

/** Does this URL carry anything maskUrl would hide? */
export function urlHasSecrets(raw: string): boolean {
  return maskUrl(raw) !== raw;
}
