import { lazy, useState, type ComponentType } from 'react';
import type { Route } from './route';

/**
 * A page's component, loaded with its chunk when first shown (React.lazy, by the export's name). Once
 * `preload` has loaded it, it renders at once instead of suspending: a suspended first screen would
 * wait out React's 300 ms throttle on revealing a Suspense boundary's content, however fast its chunk
 * arrived.
 */
export function lazyPage<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K) {
  let loaded: ComponentType<P> | null = null;
  const preload = async () => (loaded = (await load())[name]);
  const Lazy = lazy(async () => ({ default: await preload() }));
  function Page(props: P) {
    // Chosen once per mount: a different type on a later render would mount the page again.
    const [Shown] = useState<ComponentType<P>>(() => loaded ?? (Lazy as unknown as ComponentType<P>));
    return <Shown {...props} />;
  }
  return Object.assign(Page, { preload });
}

// Every page is its own chunk: the overview paints without the code of the form, the lists and the settings.
export const pages = {
  dashboard: lazyPage(() => import('@renderer/features/dashboard/DashboardPage'), 'DashboardPage'),
  cluster: lazyPage(() => import('@renderer/features/clusters/ClusterDetailPage'), 'ClusterDetailPage'),
  new: lazyPage(() => import('@renderer/features/preheats/create/CreatePreheatPage'), 'CreatePreheatPage'),
  job: lazyPage(() => import('@renderer/features/preheats/job/JobDetailPage'), 'JobDetailPage'),
  submission: lazyPage(() => import('@renderer/features/preheats/submission/SubmissionPage'), 'SubmissionPage'),
  preheats: lazyPage(() => import('@renderer/features/preheats/PreheatsPage'), 'PreheatsPage'),
  managers: lazyPage(() => import('@renderer/features/managers/ManagersPage'), 'ManagersPage'),
  failures: lazyPage(() => import('@renderer/features/failures/FailuresPage'), 'FailuresPage'),
  settings: lazyPage(() => import('@renderer/features/settings/SettingsPage'), 'SettingsPage'),
  outbox: lazyPage(() => import('@renderer/features/preheats/outbox/OutboxPage'), 'OutboxPage'),
  drafts: lazyPage(() => import('@renderer/features/drafts/DraftsPage'), 'DraftsPage'),
} satisfies Record<Route['page'], { preload(): Promise<unknown> }>;

// The palette (Spotlight, and the overview's store it searches) loads the first time it is asked for.
export const CommandPalette = lazyPage(() => import('./CommandPalette'), 'CommandPalette');
