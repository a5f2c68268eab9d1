import { Alert, AppShell, Badge, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { useSpotlight } from '@mantine/spotlight';
import { memo, Suspense, useEffect, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import type { ManagerView, WatchState } from '@shared/models';
import { useOutbox } from '@renderer/features/preheats/outbox/outbox-store';
import { useDrafts } from '@renderer/features/drafts/drafts-store';
import { SpecFileDrop } from '@renderer/features/drafts/SpecFileDrop';
import { useManagers } from '@renderer/features/managers/managers-store';
import { startBrowserNotifications } from '@renderer/features/notifications/browser-notifications';
import { NotificationBell } from '@renderer/features/notifications/NotificationBell';
import { ColorSchemeMenu, useColorSchemeSetting } from '@renderer/features/settings/color-scheme';
import { KeyboardButtons, KeyboardLayer } from '@renderer/features/keyboard/Keyboard';
import { paletteStore } from '@renderer/features/keyboard/palette';
import { followLinks, useAppInfo } from './app-store';
import { CommandPalette, pages } from './pages';
import { openLink, routeHash, useRoute, type Route } from './route';

const {
  dashboard: DashboardPage,
  cluster: ClusterDetailPage,
  new: CreatePreheatPage,
  job: JobDetailPage,
  submission: SubmissionPage,
  preheats: PreheatsPage,
  managers: ManagersPage,
  failures: FailuresPage,
  settings: SettingsPage,
  outbox: OutboxPage,
  drafts: DraftsPage,
} = pages;

/** A manager the navigation flags: its last check failed, or the watcher cannot reach it or warns about it. */
const hasProblem = (m: ManagerView, watch: WatchState[]) =>
  (m.lastReport && !(m.lastReport.reachable.ok && m.lastReport.credentials?.ok)) || watch.some((w) => w.managerId === m.id && (!w.ok || w.warnings.length > 0));

/** Mount the palette once it has been opened: its store says so before the component exists. */
function usePaletteLoaded(): boolean {
  const asked = useSpotlight(paletteStore).opened;
  const [loaded, setLoaded] = useState(false);
  // Latched while rendering (React's pattern for state derived from a change): it stays once asked.
  if (asked && !loaded) setLoaded(true);
  return loaded || asked;
}

/**
 * The page the route shows. Memoised on the route: the shell re-renders for its counts and badges as
 * the first answers arrive, and the page must not render again with it each time.
 */
const RouteView = memo(function RouteView({ route }: { route: Route }) {
  return (
    <Suspense fallback={<Loader size="sm" />}>
      {route.page === 'dashboard' && <DashboardPage intent={route.intent} />}
      {route.page === 'cluster' && <ClusterDetailPage key={`${route.managerId}/${route.clusterId}`} managerId={route.managerId} clusterId={route.clusterId} />}
      {route.page === 'preheats' && <PreheatsPage intent={route.intent} />}
      {route.page === 'job' && <JobDetailPage key={`${route.managerId}/${route.jobId}`} managerId={route.managerId} jobId={route.jobId} />}
      {route.page === 'managers' && <ManagersPage />}
      {route.page === 'new' && <CreatePreheatPage intent={route.intent} />}
      {route.page === 'submission' && <SubmissionPage key={route.id} id={route.id} />}
      {route.page === 'outbox' && <OutboxPage submission={route.submission} />}
      {route.page === 'drafts' && <DraftsPage tab={route.tab} />}
      {route.page === 'failures' && <FailuresPage managerId={route.managerId} job={route.job} />}
      {route.page === 'settings' && <SettingsPage />}
    </Suspense>
  );
});

/** The header: the app's name, the palette and keyboard buttons, the color scheme, the notifications, the transport. */
const ShellHeader = memo(function ShellHeader() {
  const info = useAppInfo((s) => s.info);
  return (
    <AppShell.Header>
      <Group h="100%" px="md" justify="space-between">
        <Group gap="xs">
          <Title order={4}>Dragonfly Desk</Title>
          <Text size="sm" c="dimmed">
            every manager, every preheat
          </Text>
        </Group>
        <Group gap="xs">
          <KeyboardButtons />
          <ColorSchemeMenu />
          {info && (
            <>
              <NotificationBell onOpen={openLink} />
              <Badge variant="light" color="gray" title={`Secrets: ${info.secretBackend}`}>
                {info.transport === 'web' ? 'web transport · 127.0.0.1' : 'desktop'}
              </Badge>
            </>
          )}
        </Group>
      </Group>
    </AppShell.Header>
  );
});

/**
 * The navigation with its counts. Its own component, reading counts rather than lists: the shell's
 * stores answer one by one as the app opens and the watcher reports every few seconds, and each of
 * those rendered the whole shell again.
 */
const ShellNav = memo(function ShellNav({ page }: { page: Route['page'] }) {
  const managerCount = useManagers((s) => s.managers.length);
  const problems = useManagers((s) => s.managers.filter((m) => hasProblem(m, s.watch)).length);
  const drafts = useDrafts((s) => s.drafts.length);
  const outbox = useOutbox(useShallow(({ waiting, attention }) => ({ waiting, attention })));
  return (
    <AppShell.Navbar p="xs">
      <NavLink label="Overview" href={routeHash({ page: 'dashboard' })} active={page === 'dashboard' || page === 'cluster'} data-testid="nav-overview" />
      <NavLink label="Preheats" href={routeHash({ page: 'preheats' })} active={page === 'preheats' || page === 'job' || page === 'submission'} />
      <NavLink label="New preheat" href={routeHash({ page: 'new' })} active={page === 'new'} />
      <NavLink
        label="Drafts"
        href={routeHash({ page: 'drafts' })}
        active={page === 'drafts'}
        data-testid="nav-drafts"
        rightSection={
          <Text size="xs" c="dimmed" data-testid="nav-drafts-count">
            {drafts}
          </Text>
        }
      />
      <NavLink
        label="Outbox"
        href={routeHash({ page: 'outbox' })}
        active={page === 'outbox'}
        data-testid="nav-outbox"
        rightSection={
          outbox.waiting + outbox.attention > 0 && (
            <Group gap={2} wrap="nowrap">
              {outbox.waiting > 0 && (
                <Badge size="xs" color="blue" title="parts waiting to be sent or settled" data-testid="nav-outbox-waiting">
                  {outbox.waiting}
                </Badge>
              )}
              {outbox.attention > 0 && (
                <Badge size="xs" color="orange" title="parts to check before sending again" data-testid="nav-outbox-attention">
                  {outbox.attention}
                </Badge>
              )}
            </Group>
          )
        }
      />
      <NavLink label="Failure log" href={routeHash({ page: 'failures' })} active={page === 'failures'} data-testid="nav-failures" />
      <NavLink
        label="Managers"
        href={routeHash({ page: 'managers' })}
        active={page === 'managers'}
        rightSection={
          problems ? (
            <Badge size="xs" color="red">
              {problems}
            </Badge>
          ) : (
            <Text size="xs" c="dimmed">
              {managerCount}
            </Text>
          )
        }
      />
      <NavLink label="Settings" href={routeHash({ page: 'settings' })} active={page === 'settings'} />
    </AppShell.Navbar>
  );
});

export function App() {
  const paletteLoaded = usePaletteLoaded();
  const route = useRoute((s) => s.route);
  const notices = useAppInfo((s) => s.info?.notices);
  useColorSchemeSetting();

  // Links from notifications, the tray and the OS land on their screen.
  useEffect(() => {
    const offNavigate = followLinks();
    const offBrowser = startBrowserNotifications(openLink);
    return () => {
      offNavigate();
      offBrowser();
    };
  }, []);

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <ShellHeader />
      <ShellNav page={route.page} />
      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        <Stack style={{ flex: 1, minHeight: 0 }} gap="sm">
          {notices?.map((n) => (
            <Alert key={n} color="orange" variant="light">
              {n}
            </Alert>
          ))}
          <RouteView route={route} />
        </Stack>
      </AppShell.Main>
      <SpecFileDrop />
      <KeyboardLayer />
      {paletteLoaded && (
        <Suspense fallback={null}>
          <CommandPalette />
        </Suspense>
      )}
    </AppShell>
  );
}
