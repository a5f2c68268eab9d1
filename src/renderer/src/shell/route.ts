import { create } from 'zustand';

export type Route =
  | { page: 'preheats' }
  | { page: 'new' }
  | { page: 'submission'; id: string }
  | { page: 'job'; managerId: string; jobId: number }
  | { page: 'managers' };

/** Hash routes, so a reload or a deep link lands on the same screen. */
export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'managers') return { page: 'managers' };
  if (parts[0] === 'preheats' && parts[1] === 'new') return { page: 'new' };
  if (parts[0] === 'submissions' && parts[1]) return { page: 'submission', id: parts[1] };
  if (parts[0] === 'preheats' && parts[1] && parts[2] && /^\d+$/.test(parts[2])) {
    return { page: 'job', managerId: parts[1], jobId: Number(parts[2]) };
  }
  return { page: 'preheats' };
}

export function routeHash(r: Route): string {
  if (r.page === 'managers') return '#/managers';
  if (r.page === 'new') return '#/preheats/new';
  if (r.page === 'submission') return `#/submissions/${encodeURIComponent(r.id)}`;
  if (r.page === 'job') return `#/preheats/${encodeURIComponent(r.managerId)}/${r.jobId}`;
  return '#/preheats';
}

export const useRoute = create<{ route: Route; go(r: Route): void }>((set) => ({
  route: parseHash(location.hash),
  go(r) {
    const hash = routeHash(r);
    if (location.hash !== hash) location.hash = hash;
    set({ route: r });
  },
}));

window.addEventListener('hashchange', () => useRoute.setState({ route: parseHash(location.hash) }));
