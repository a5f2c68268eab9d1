/**
 * A stored password or token is bound to where it was entered: the manager's origin (scheme, host,
 * port), the kind of login and the user. This says why it must be typed again for `next`, or null
 * when the stored one may be used. The back end enforces it; the form says it before anyone saves.
 */
type Login = { baseUrl: string; auth: { kind: 'password'; username: string } | { kind: 'pat' } };

const originOf = (baseUrl: string) => {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return null;
  }
};

export function secretRetypeReason(saved: Login, next: Login): string | null {
  const [from, to] = [originOf(saved.baseUrl), originOf(next.baseUrl)];
  const what = next.auth.kind === 'password' ? 'password' : 'token';
  if (from !== to) {
    return `The address changed from ${from ?? saved.baseUrl} to ${to ?? next.baseUrl}: enter the ${what} again. A stored one is only ever sent to the address it was entered for.`;
  }
  if (saved.auth.kind !== next.auth.kind) return next.auth.kind === 'password' ? 'Password is required when switching to password sign-in' : 'Personal access token is required when switching to a token';
  if (saved.auth.kind === 'password' && next.auth.kind === 'password' && saved.auth.username !== next.auth.username) {
    return `The username changed from ${saved.auth.username} to ${next.auth.username}: enter that user's password.`;
  }
  return null;
}
