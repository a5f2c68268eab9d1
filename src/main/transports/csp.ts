/**
 * The content security policy of the UI. Scripts only from the app itself; Mantine injects its theme
 * variables in a <style> element, hence inline styles. The UI never talks to managers directly, so
 * `connect-src` is the app's own origin (plus its event socket on the web transport).
 */
export function contentSecurityPolicy(extraConnect: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...extraConnect].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
