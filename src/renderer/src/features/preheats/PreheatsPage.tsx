import { Alert, Badge, Box, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo } from 'react';
import type { JobRow, JobStatus, ManagerLoadState } from '@shared/models';
import { clusterOptions, FilterSelect, SearchInput } from '@renderer/components/filters';
import { VirtualList } from '@renderer/components/VirtualList';
import { ago, count } from '@renderer/lib/format';
import { useNow } from '@renderer/lib/use-now';
import { useRoute, type PreheatsIntent } from '@renderer/app/route';
import { useManagers } from '../managers/managers-store';
import { emptyFilter, usePreheats, watchPreheats } from './preheats-store';
import { JobListRow, ROW_HEIGHT } from './JobListRow';
import { STATUS_LABEL } from './status';
import { TableHead } from '@renderer/components/TableHead';
import table from '@renderer/components/VirtualTable.module.css';
import classes from './PreheatsPage.module.css';

const STATUSES = Object.keys(STATUS_LABEL) as JobStatus[];

function SourceChip({ s }: { s: ManagerLoadState }) {
  const loadMore = usePreheats((p) => p.loadMore);
  const color = s.error ? 'red' : s.loading ? 'blue' : 'teal';
  return (
    <Paper withBorder px="sm" py={6} data-testid={`source-${s.managerName}`} className={s.error ? classes.sourceError : undefined}>
      <Group gap="xs" wrap="nowrap">
        {s.loading ? <Loader size={12} /> : <Badge size="xs" color={color} variant="dot" />}
        <Text size="sm" fw={600}>
          {s.managerName}
        </Text>
        <Text size="xs" c="dimmed">
          {count(s.loaded)}
          {s.total !== null ? ` of ${count(s.total)}` : ''} loaded
          {s.refreshedAt ? ` · ${ago(s.refreshedAt)}` : ''}
        </Text>
        {s.hasMore && !s.error && (
          <Button size="compact-xs" variant="subtle" onClick={() => loadMore(s.managerId)}>
            more
          </Button>
        )}
      </Group>
      {s.error && (
        <Text size="xs" c="red" maw={520} data-testid="source-error">
          {s.error.message}
        </Text>
      )}
    </Paper>
  );
}

export function PreheatsPage({ intent }: { intent?: PreheatsIntent | undefined }) {
  const { filter, rows, total, sources, clusters, error, ready, applied, setFilter, setRange, open, refresh, loadMore, loadAll } = usePreheats();
  const managers = useManagers((s) => s.managers);
  const go = useRoute((s) => s.go);
  const now = useNow();

  useEffect(() => void open(intent), [open, intent]);
  useEffect(watchPreheats, []);

  const openJob = useCallback((r: JobRow) => go({ page: 'job', managerId: r.managerId, jobId: r.id }), [go]);

  const clusterData = useMemo(() => clusterOptions(clusters), [clusters]);

  const loaded = sources.reduce((a, s) => a + s.loaded, 0);
  const known = sources.reduce((a, s) => a + (s.total ?? s.loaded), 0);
  const more = sources.some((s) => s.hasMore && !s.error);
  const filtered = filter.search !== '' || filter.statuses.length + filter.managerIds.length + filter.clusters.length + filter.kinds.length > 0;

  return (
    <Stack h="100%" gap="sm">
      <Group justify="space-between">
        <Title order={2}>Preheats</Title>
        <Group gap="xs">
          <Button variant="default" onClick={refresh}>
            Refresh
          </Button>
          <Button onClick={() => go({ page: 'new' })} data-testid="new-preheat">
            New preheat
          </Button>
        </Group>
      </Group>
      <Group gap="xs" align="flex-end">
        <SearchInput placeholder="Search id, URL or description" label="Search" value={filter.search} onChange={(search) => setFilter({ search })} width={300} testId="job-search" />
        <FilterSelect label="Status" data={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))} value={filter.statuses} onChange={(v) => setFilter({ statuses: v })} width={220} testId="filter-status" />
        <FilterSelect label="Manager" data={managers.map((m) => ({ value: m.id, label: m.name }))} value={filter.managerIds} onChange={(v) => setFilter({ managerIds: v })} width={200} testId="filter-manager" />
        <FilterSelect label="Cluster" data={clusterData} value={filter.clusters} onChange={(v) => setFilter({ clusters: v })} width={220} searchable testId="filter-cluster" />
        <FilterSelect
          label="Type"
          data={[
            { value: 'image', label: 'Image' },
            { value: 'file', label: 'File' },
          ]}
          value={filter.kinds}
          onChange={(kinds) => setFilter({ kinds })}
          width={160}
          testId="filter-type"
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setFilter(emptyFilter())}>
            Clear filters
          </Button>
        )}
      </Group>
      {sources.length > 0 && (
        <Group gap="xs" align="flex-start">
          {sources.map((s) => (
            <SourceChip key={s.managerId} s={s} />
          ))}
        </Group>
      )}
      {error && <Alert color="red">{error}</Alert>}
      <Paper withBorder className={`${table.table} ${table.fill}`} data-testid="job-table" data-applied={applied}>
        <TableHead rowClassName={classes.row} columns={['Status', 'ID', 'Manager', 'Clusters', 'Type', 'URL', 'Description', 'Created', 'Duration']} />
        <Box className={table.body}>
          {ready && total === 0 ? (
            <Stack align="center" justify="center" h="100%" gap={4} data-testid="job-empty">
              <Text fw={600}>{managers.length === 0 ? 'No managers configured' : filtered ? 'No preheat matches the filters' : 'No preheat jobs yet'}</Text>
              <Text size="sm" c="dimmed">
                {managers.length === 0
                  ? 'Add a manager on the Managers page to see its preheats here.'
                  : filtered
                    ? `Searched ${count(loaded)} loaded jobs.${more ? ' Older jobs are not loaded yet: use "Load all".' : ''}`
                    : 'Preheats created on any configured manager appear here.'}
              </Text>
            </Stack>
          ) : (
            <VirtualList
              count={total}
              rowHeight={ROW_HEIGHT}
              onRange={setRange}
              testId="job-list"
              renderRow={(i, style) => <JobListRow key={i} row={rows.get(i)} top={style.top as number} now={now} onOpen={openJob} />}
            />
          )}
        </Box>
      </Paper>
      <Group justify="space-between" data-testid="job-footer">
        <Text size="sm" c="dimmed">
          {filtered ? `${count(total)} match · ` : ''}
          {count(loaded)} of {count(known)} preheats loaded
          {more ? '. Older pages load on demand; search and filters cover what is loaded.' : ''}
        </Text>
        {more && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => loadMore()}>
              Load more
            </Button>
            <Button size="xs" variant="default" onClick={loadAll} data-testid="load-all">
              Load all
            </Button>
          </Group>
        )}
      </Group>
    </Stack>
  );
}
