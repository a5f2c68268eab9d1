import { useDashboard } from '@renderer/features/dashboard/dashboard-store';
import { useDrafts } from '@renderer/features/drafts/drafts-store';
import { useFailures } from '@renderer/features/failures/failures-store';
import { useManagers } from '@renderer/features/managers/managers-store';
import { useOutbox } from '@renderer/features/preheats/outbox/outbox-store';
import { usePreheats } from '@renderer/features/preheats/preheats-store';
import { ahead } from '@renderer/transport/api';
import { useAppInfo } from './app-store';
import { pages } from './pages';
import type { Route } from './route';

/** What the shell shows besides the page: the managers, the watch, the app, and the navigation's counts. */
function loadShell() {
  void useManagers.getState().load();
  void useManagers.getState().loadWatch();
  void useAppInfo.getState().load();
  void useDrafts.getState().load();
  void useOutbox.getState().load();
}

/**
 * Start what the first screen waits for before React renders anything: the page's chunk, the page's
 * first query (asked `ahead`, so the page takes its answer when it mounts), then what the shell shows.
 * Left to the components, each waited for the one before: the shell's render, the page's chunk, the
 * page's render, and only then its query. Resolves once the page's chunk is in, for the first render.
 */
export function startFirstScreen(route: Route): Promise<unknown> {
  const chunk = pages[route.page].preload();
  // The browser opens at most six connections to the back end, and a call holds one until the back
  // end's services are up: the page's query goes first, the shell's calls once the chunk's files are in
  // (sent beside it, they held the connections and a cold start's last chunk came ~250 ms later).
  ahead(() => {
    if (route.page === 'dashboard') void useDashboard.getState().load();
    if (route.page === 'preheats') void usePreheats.getState().open();
    if (route.page === 'failures') void useFailures.getState().open(route.managerId, route.job);
  });
  void chunk.then(loadShell, loadShell);
  return chunk;
}
