import { create } from 'zustand';
import { parseDeepLink } from '@shared/deep-link';
import type { PreheatSpec, SpecIssue } from '@shared/preheat-spec';

/*
 * A move from one feature to another says what it wants of the page it opens as an intent: it
 * travels with the route, never in the hash (a reload or a deep link opens the plain page), and the
 * page that opens applies it to its own store.
 */

export type PreheatsIntent =
  /** The job list, narrowed to one cluster. */
  | { kind: 'cluster'; managerId: string; clusterId: number }
  /** The job list searching this text alone, e.g. `#4711` (the list asks the managers for an id it has not loaded). */
  | { kind: 'search'; search: string };

/** The overview, narrowed to one manager's clusters. */
export type DashboardIntent = { kind: 'manager'; managerId: string };

export type NewPreheatIntent =
  /** Preheat to this cluster. */
  | { kind: 'target'; managerId: string; clusterId: number }
  /** Start from this spec: a job duplicated, or its failed peers retried; notes say what was left out. */
  | { kind: 'spec'; spec: PreheatSpec; notes: string[] }
  /** Back from a submission: the managers' objections on their fields, and the targets to keep (null: all). */
  | { kind: 'resubmit'; submission: string; issues: SpecIssue[]; targets: PreheatSpec['targets'] | null }
  /** Edit this draft, or a new empty one (null). */
  | { kind: 'draft'; id: string | null };

export type Route =
  | { page: 'dashboard'; intent?: DashboardIntent }
  | { page: 'cluster'; managerId: string; clusterId: number }
  | { page: 'preheats'; intent?: PreheatsIntent }
  | { page: 'new'; intent?: NewPreheatIntent }
  | { page: 'submission'; id: string }
  /** Every submission's parts, optionally opened at one submission. */
  | { page: 'outbox'; submission?: string }
  | { page: 'drafts'; tab?: 'templates' }
  | { page: 'job'; managerId: string; jobId: number }
  | { page: 'managers' }
  /** The failure log, optionally opened on one manager or one job (`${managerId}:${jobId}`). */
  | { page: 'failures'; managerId?: string; job?: string }
  | { page: 'settings' };

/** Hash routes, so a reload or a deep link lands on the same screen. The overview is home. */
export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'managers') return { page: 'managers' };
  if (parts[0] === 'preheats' && parts.length === 1) return { page: 'preheats' };
  if (parts[0] === 'clusters' && parts[1] && /^\d+$/.test(parts[2] ?? '')) return { page: 'cluster', managerId: parts[1], clusterId: Number(parts[2]) };
  if (parts[0] === 'settings') return { page: 'settings' };
  if (parts[0] === 'failures') {
    const q = new URLSearchParams(query);
    const managerId = q.get('manager');
    const job = q.get('job');
    return { page: 'failures', ...(managerId ? { managerId } : {}), ...(job ? { job } : {}) };
  }
  if (parts[0] === 'preheats' && parts[1] === 'new') return { page: 'new' };
  if (parts[0] === 'submissions' && parts[1]) return { page: 'submission', id: parts[1] };
  if (parts[0] === 'outbox') {
    const submission = new URLSearchParams(query).get('submission');
    return { page: 'outbox', ...(submission ? { submission } : {}) };
  }
  if (parts[0] === 'drafts') return parts[1] === 'templates' ? { page: 'drafts', tab: 'templates' } : { page: 'drafts' };
  if (parts[0] === 'preheats' && parts[1] && parts[2] && /^\d+$/.test(parts[2])) {
    return { page: 'job', managerId: parts[1], jobId: Number(parts[2]) };
  }
  return { page: 'dashboard' };
}

export function routeHash(r: Route): string {
  if (r.page === 'managers') return '#/managers';
  if (r.page === 'settings') return '#/settings';
  if (r.page === 'failures') {
    const q = new URLSearchParams({ ...(r.managerId ? { manager: r.managerId } : {}), ...(r.job ? { job: r.job } : {}) }).toString();
    return `#/failures${q ? `?${q}` : ''}`;
  }
  if (r.page === 'new') return '#/preheats/new';
  if (r.page === 'submission') return `#/submissions/${encodeURIComponent(r.id)}`;
  if (r.page === 'outbox') return r.submission ? `#/outbox?${new URLSearchParams({ submission: r.submission }).toString()}` : '#/outbox';
  if (r.page === 'drafts') return r.tab ? '#/drafts/templates' : '#/drafts';
  if (r.page === 'job') return `#/preheats/${encodeURIComponent(r.managerId)}/${r.jobId}`;
  if (r.page === 'cluster') return `#/clusters/${encodeURIComponent(r.managerId)}/${r.clusterId}`;
  if (r.page === 'preheats') return '#/preheats';
  return '#/';
}

/** Where a `dragonfly-desk://` link (a notification, the tray, the OS) leads; null for a link we do not know. */
export function routeOfLink(link: string): Route | null {
  const d = parseDeepLink(link);
  if (!d) return null;
  if (d.to === 'job') return { page: 'job', managerId: d.managerId, jobId: d.jobId };
  if (d.to === 'outbox') return { page: 'outbox', ...(d.submission ? { submission: d.submission } : {}) };
  if (d.to === 'settings') return { page: 'settings' };
  return { page: 'failures', ...(d.managerId ? { managerId: d.managerId } : {}) };
}

export const useRoute = create<{ route: Route; go(r: Route): void }>((set) => ({
  route: parseHash(location.hash),
  go(r) {
    const hash = routeHash(r);
    if (location.hash !== hash) location.hash = hash;
    set({ route: r });
  },
}));

/** Open a `dragonfly-desk://` link on its screen; one we do not know is ignored. */
export function openLink(link: string) {
  const r = routeOfLink(link);
  if (r) useRoute.getState().go(r);
}

// The hash moved (a link, back, forward, typed): open that page. The echo of `go` keeps its route,
// intent included.
window.addEventListener('hashchange', () => {
  if (location.hash !== routeHash(useRoute.getState().route)) useRoute.setState({ route: parseHash(location.hash) });
});
