/**
 * `dragonfly-desk://` links: what a notification, the tray and the OS protocol handler open.
 *   dragonfly-desk://manager/<managerId>/job/<jobId>   a job's detail
 *   dragonfly-desk://failures?manager=<managerId>       the failure log, filtered to a manager
 *   dragonfly-desk://outbox?submission=<id>             the outbox, at one submission
 *   dragonfly-desk://settings                           Settings
 */
export const DEEP_LINK_SCHEME = 'dragonfly-desk';

export type DeepLink =
  | { to: 'job'; managerId: string; jobId: number }
  | { to: 'failures'; managerId: string | null }
  | { to: 'outbox'; submission: string | null }
  | { to: 'settings' };

export function parseDeepLink(link: string): DeepLink | null {
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return null;
  }
  if (u.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  // Non-special schemes keep the first segment as the host.
  const parts = [u.host, ...u.pathname.split('/')].filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'manager' && parts[1] && parts[2] === 'job' && /^\d+$/.test(parts[3] ?? '')) {
    return { to: 'job', managerId: parts[1], jobId: Number(parts[3]) };
  }
  if (parts[0] === 'failures' && parts.length === 1) return { to: 'failures', managerId: u.searchParams.get('manager') };
  if (parts[0] === 'outbox' && parts.length === 1) return { to: 'outbox', submission: u.searchParams.get('submission') };
  if (parts[0] === 'settings' && parts.length === 1) return { to: 'settings' };
  return null;
}

/** The deep link among command-line arguments (how a second instance or the OS hands it over). */
export function deepLinkInArgs(args: string[]): string | null {
  return args.find((a) => a.startsWith(`${DEEP_LINK_SCHEME}://`)) ?? null;
}
