import type { Route } from '@renderer/app/route';

/** The page a page sits under, where Esc leads when there is no page of this app to go back to. */
export function parentOf(route: Route): Route | null {
  if (route.page === 'job' || route.page === 'new') return { page: 'preheats' };
  if (route.page === 'submission') return { page: 'outbox' };
  if (route.page === 'cluster') return { page: 'dashboard' };
  return null;
}

/** Where `/` puts the focus on each page; a page without its own search sends it to the preheat list's. */
export function searchFieldOf(route: Route): { testId: string; route: Route | null } {
  if (route.page === 'failures') return { testId: 'failure-search', route: null };
  if (route.page === 'dashboard') return { testId: 'cluster-search', route: null };
  return { testId: 'job-search', route: route.page === 'preheats' ? null : { page: 'preheats' } };
}

const KEY = 'deskDepth';
let depth = 0;

const depthOf = (state: unknown): number | null => {
  const d = (state as Record<string, unknown> | null)?.[KEY];
  return typeof d === 'number' ? d : null;
};

/**
 * Number the history entries this app made, so Esc goes back only to a page of the app and never
 * off it (the launch link, another site). An entry keeps its number across back, forward and reload.
 */
export function trackHistoryDepth(): () => void {
  const stamp = () => {
    const known = depthOf(history.state);
    if (known !== null) depth = known;
    else {
      history.replaceState({ ...(history.state as object | null), [KEY]: depth }, '');
    }
  };
  stamp();
  const onHash = () => {
    // A new entry has no number yet: it is one deeper than the page it was opened from.
    if (depthOf(history.state) === null) depth++;
    stamp();
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}

export const canGoBack = () => depth > 0;
