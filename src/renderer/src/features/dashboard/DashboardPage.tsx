import { Alert, Box, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo } from 'react';
import type { ClusterTile } from '@shared/dashboard';
import { Segmented } from '@renderer/components/Segmented';
import { VirtualList } from '@renderer/components/VirtualList';
import { ago } from '@renderer/lib/format';
import { useNow } from '@renderer/lib/use-now';
import { useRoute, type DashboardIntent } from '@renderer/app/route';
import { useManagers } from '../managers/managers-store';
import { CLUSTER_ROW_HEIGHT, ClusterRow } from './ClusterRow';
import { ClusterFilters } from './ClusterFilters';
import { useDashboard, watchDashboard } from './dashboard-store';
import { ManagerOverviewCard } from './ManagerOverviewCard';
import { OutcomeChart } from './OutcomeChart';
import classes from './ClusterTable.module.css';
import { TableHead } from '@renderer/components/TableHead';

/** A few names in full, then how many more: a line that stays one line with fifty managers. */
const names = (list: string[]) => (list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', '));

const failuresOf = (t: ClusterTile) => t.outcomes.failed + t.outcomes.timed_out + t.outcomes.partial;

/** The home screen: is every cluster able to take preheats, and are preheats succeeding? */
export function DashboardPage({ intent }: { intent?: DashboardIntent | undefined }) {
  const { view, error, range, filter, applied, setRange, setFilter, load, refresh } = useDashboard();
  const noManagers = useManagers((s) => s.loaded && s.managers.length === 0);
  const go = useRoute((s) => s.go);
  const now = useNow();

  useEffect(() => {
    void load();
    return watchDashboard();
  }, [load]);

  // Opened for one manager (from the palette): its clusters alone.
  useEffect(() => {
    if (intent) setFilter({ search: '', managerIds: [intent.managerId], cannotPreheat: false, withFailures: false });
  }, [intent, setFilter]);

  const clusters = useMemo(() => {
    if (!view) return [];
    const text = filter.search.trim().toLowerCase();
    const list = view.clusters.filter(
      (t) =>
        (!text || t.name.toLowerCase().includes(text) || `#${t.id}` === text) &&
        (filter.managerIds.length === 0 || filter.managerIds.includes(t.managerId)) &&
        (!filter.cannotPreheat || t.canPreheat === false || t.warnings.length > 0) &&
        (!filter.withFailures || failuresOf(t) > 0),
    );
    const byName = (a: ClusterTile, b: ClusterTile) => a.name.localeCompare(b.name) || a.id - b.id;
    if (filter.sort === 'failures') return list.sort((a, b) => failuresOf(b) - failuresOf(a) || byName(a, b));
    if (filter.sort === 'name') return list.sort(byName);
    return list;
  }, [view, filter]);

  // The filter bar renders again only when what it shows changed, not with every answer of the overview.
  const managerKey = JSON.stringify(view?.managers.map((m) => [m.managerId, m.managerName]) ?? []);
  const managerOptions = useMemo(() => (JSON.parse(managerKey) as [string, string][]).map(([value, label]) => ({ value, label })), [managerKey]);

  const reading = useMemo(() => (view ? view.managers.filter((m) => m.outcomesLoading).map((m) => m.managerName) : []), [view]);

  const openCluster = useCallback((t: ClusterTile) => go({ page: 'cluster', managerId: t.managerId, clusterId: t.id }), [go]);
  const openJob = useCallback((t: ClusterTile, jobId: number) => go({ page: 'job', managerId: t.managerId, jobId }), [go]);

  if (noManagers) {
    return (
      <Stack align="center" justify="center" h="60%" gap="xs" data-testid="dashboard-empty">
        <Title order={3}>No managers yet</Title>
        <Text c="dimmed">Add a Dragonfly manager to see its clusters, their health and how preheats go.</Text>
        <Button onClick={() => go({ page: 'managers' })}>Add a manager</Button>
      </Stack>
    );
  }

  const fetched = view?.managers.map((m) => m.fetchedAt).filter((x): x is string => x !== null) ?? [];
  const oldest = fetched.length ? fetched.reduce((a, b) => (a < b ? a : b)) : null;
  const refreshing = view?.managers.some((m) => m.refreshing) ?? true;
  const filtered = filter.search !== '' || filter.managerIds.length > 0 || filter.cannotPreheat || filter.withFailures;

  return (
    <Box h="100%" style={{ overflowY: 'auto' }}>
      <Stack gap="sm" pb="md" data-testid="dashboard" data-applied={applied}>
        <Group justify="space-between">
          <Title order={1} size="h2">Overview</Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed" data-testid="dashboard-updated">
              {refreshing ? 'updating…' : oldest ? `updated ${ago(oldest, now)}` : ''}
            </Text>
            <Button variant="default" onClick={() => void refresh()} loading={refreshing && view !== null} data-testid="dashboard-refresh">
              Refresh
            </Button>
          </Group>
        </Group>
        {error && <Alert color="red">{error}</Alert>}
        {!view ? (
          <Text c="dimmed">Loading every manager…</Text>
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="sm">
              {view.managers.map((m) => (
                <ManagerOverviewCard key={m.managerId} m={m} now={now} />
              ))}
            </SimpleGrid>
            <Paper withBorder p="sm">
              <Group justify="space-between" mb="xs">
                <Text fw={600}>
                  Preheat outcomes, every manager ·{' '}
                  <Text span c="dimmed" size="sm">
                    {view.totals.succeeded} succeeded, {view.totals.partial} partial, {view.totals.failed} failed, {view.totals.timed_out} timed out
                  </Text>
                </Text>
                <Segmented
                  label="Range"
                  value={range}
                  onChange={setRange}
                  data={[
                    { value: '24h', label: '24 h' },
                    { value: '7d', label: '7 d' },
                    { value: '30d', label: '30 d' },
                  ]}
                  testId="dashboard-range"
                />
              </Group>
              {reading.length > 0 && (
                <Text size="xs" c="dimmed" data-testid="outcomes-reading">
                  Still reading the last day's jobs from {names(reading)}: these figures are not complete yet.
                </Text>
              )}
              {view.totals.succeeded + view.totals.partial + view.totals.failed + view.totals.timed_out === 0 ? (
                reading.length === 0 && (
                  <Text size="sm" c="dimmed" py="lg" ta="center" data-testid="outcomes-empty">
                    No preheat finished in this range. Create one from New preheat; the outcomes of every manager show here.
                  </Text>
                )
              ) : (
                <OutcomeChart series={view.series} range={range} />
              )}
              {range !== '24h' && (
                <Text size="xs" c="dimmed">
                  Managers delete jobs after 6 hours; older outcomes come from the history this app kept while it watched.
                </Text>
              )}
            </Paper>
            <ClusterFilters filter={filter} setFilter={setFilter} managers={managerOptions} shown={clusters.length} total={view.clusters.length} />
            <Paper withBorder className={classes.table} h={Math.min(680, 36 + Math.max(4, clusters.length) * CLUSTER_ROW_HEIGHT)} data-testid="cluster-table" role="grid" aria-label="Clusters" aria-rowcount={clusters.length + 1}>
              <TableHead
                rowClassName={classes.row}
                columns={['Cluster', 'Manager', 'Preheat', 'Schedulers', 'Seed peers', 'Peers', 'Limit', 'Scopes', `Outcomes, ${range}`, 'Last failure']}
              />
              <Box className={classes.body}>
                {clusters.length === 0 ? (
                  <Stack align="center" justify="center" h="100%" gap={4} data-testid="cluster-empty">
                    <Text fw={600}>{filtered ? 'No cluster matches' : view.managers.every((m) => !m.loaded) ? 'Asking every manager for its clusters…' : 'No clusters'}</Text>
                    <Text size="sm" c="dimmed">
                      {filtered ? 'Clear the filters to see every cluster.' : 'Clusters appear here as each manager answers. A manager that failed says why in its card above.'}
                    </Text>
                  </Stack>
                ) : (
                  <VirtualList
                    count={clusters.length}
                    rowHeight={CLUSTER_ROW_HEIGHT}
                    testId="cluster-scroller"
                    renderRow={(i, style) => {
                      const t = clusters[i]!;
                      return <ClusterRow key={`${t.managerId}:${t.id}`} t={t} top={style.top as number} now={now} onOpen={openCluster} onOpenJob={openJob} />;
                    }}
                  />
                )}
              </Box>
            </Paper>
          </>
        )}
      </Stack>
    </Box>
  );
}
