import { Alert, AppShell, Badge, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core';
import { useSpotlight } from '@mantine/spotlight';
import { memo, Suspense, useEffect, useState } from 'react';
import { useShallow } from 'zustand/shallow';
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

export function App() {
  const paletteLoaded = usePaletteLoaded();
  const route = useRoute((s) => s.route);
  const managers = useManagers();
  const info = useAppInfo((s) => s.info);
  const drafts = useDrafts((s) => s.drafts.length);
  const outbox = useOutbox(useShallow(({ waiting, attention }) => ({ waiting, attention })));
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

  const problems = managers.managers.filter(
    (m) => (m.lastReport && !(m.lastReport.reachable.ok && m.lastReport.credentials?.ok)) || managers.watch.some((w) => w.managerId === m.id && (!w.ok || w.warnings.length > 0)),
  );

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
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
      <AppShell.Navbar p="xs">
        <NavLink label="Overview" href={routeHash({ page: 'dashboard' })} active={route.page === 'dashboard' || route.page === 'cluster'} data-testid="nav-overview" />
        <NavLink label="Preheats" href={routeHash({ page: 'preheats' })} active={route.page === 'preheats' || route.page === 'job' || route.page === 'submission'} />
        <NavLink label="New preheat" href={routeHash({ page: 'new' })} active={route.page === 'new'} />
        <NavLink
          label="Drafts"
          href={routeHash({ page: 'drafts' })}
          active={route.page === 'drafts'}
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
          active={route.page === 'outbox'}
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
        <NavLink label="Failure log" href={routeHash({ page: 'failures' })} active={route.page === 'failures'} data-testid="nav-failures" />
        <NavLink
          label="Managers"
          href={routeHash({ page: 'managers' })}
          active={route.page === 'managers'}
          rightSection={
            problems.length ? (
              <Badge size="xs" color="red">
                {problems.length}
              </Badge>
            ) : (
              <Text size="xs" c="dimmed">
                {managers.managers.length}
              </Text>
            )
          }
        />
        <NavLink label="Settings" href={routeHash({ page: 'settings' })} active={route.page === 'settings'} />
      </AppShell.Navbar>
      <AppShell.Main style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
        <Stack style={{ flex: 1, minHeight: 0 }} gap="sm">
          {info?.notices.map((n) => (
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
