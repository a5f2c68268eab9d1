import { maskUrlsInText } from '../../shared/masking';

/**
 * Scrubs secrets from text bound for logs: every secret value the app has handled this run, plus
 * anything shaped like a credential (Bearer and Basic authorizations, password/token JSON fields, URL
 * userinfo and signature-like query values).
 */
const MAX_KNOWN = 1000;

export class Redactor {
  private readonly known = new Set<string>();

  /** Remember a secret value so it is scrubbed wherever it appears. Short values are too ambiguous. */
  add(secret: string | null | undefined) {
    if (!secret || secret.length < 4) return;
    this.known.delete(secret);
    this.known.add(secret);
    // The newest secrets are the ones in use; a run that handles thousands keeps the last ones.
    if (this.known.size > MAX_KNOWN) this.known.delete(this.known.values().next().value as string);
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
