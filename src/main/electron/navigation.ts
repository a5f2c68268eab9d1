/** The renderer is served from this custom, privileged scheme (Electron security item 18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Only the app's own pages may load in a window; every other navigation is blocked. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/** Links leave the app only as http(s), opened in the user's browser; anything else is dropped. */
export function externalTarget(url: string): string | null {
  const u = parse(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password) return null;
  return u.toString();
}

/** IPC is answered only for the app's own main frame (Electron security item 17). */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
