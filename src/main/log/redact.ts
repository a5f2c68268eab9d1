import { maskUrlsInText } from '../../shared/masking';

/**
 * Scrubs secrets from text bound for logs: every secret value the app has handled this run, plus
 * anything shaped like a credential (Bearer and Basic authorizations, password/token JSON fields, URL
 * userinfo and signature-like query values).
 */
export class Redactor {
  private readonly known = new Set<string>();

  /** Remember a secret value so it is scrubbed wherever it appears. Short values are too ambiguous. */
  add(secret: string | null | undefined) {
    if (secret && secret.length >= 4) this.known.add(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.known) out = out.split(s).join('[redacted]');
    return maskUrlsInText(out)
      .replace(/((?:Bearer|Basic)\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
      .replace(/("(?:password|token|access_key_secret|session_token|security_token|delegation_token)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, '$1"[redacted]"')
      .replace(/([?&](?:token|access_token)=)[^&\s]+/gi, '$1[redacted]');
  }
}
