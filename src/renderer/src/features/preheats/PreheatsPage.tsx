import { Alert, Badge, Box, Button, Group, Loader, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { JobRef, JobRow, JobSort, JobStatus, ManagerLoadState } from '@shared/models';
import { clusterOptions, FilterSelect, SearchInput } from '@renderer/components/filters';
import { VirtualList } from '@renderer/components/VirtualList';
import { ago, count } from '@renderer/lib/format';
import { useNow } from '@renderer/lib/use-now';
import { useRoute, type PreheatsIntent } from '@renderer/app/route';
import { useManagers } from '../managers/managers-store';
import { BULK_LIMIT, emptyFilter, usePreheats, watchPreheats, type Filter } from './preheats-store';
import { JobListRow, ROW_HEIGHT } from './JobListRow';
import { STATUS_LABEL } from './status';
import { TableHead, type HeadColumn } from '@renderer/components/TableHead';
import { CreatedFilter } from './list/CreatedFilter';
import { DeleteJobsDialog } from './list/DeleteJobsDialog';
import { FindNotice } from './list/FindNotice';
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

/** A header that sorts the list: a first click sorts descending (newest, longest, worst first), the next flips it. */
function sortColumn(label: string, sort: JobSort, filter: Filter, setFilter: (p: Partial<Filter>) => void): HeadColumn {
  const active = filter.sort === sort;
  return {
    label,
    sort: {
      direction: active ? (filter.order === 'asc' ? 'ascending' : 'descending') : null,
      onSort: () => void setFilter({ sort, order: active && filter.order === 'desc' ? 'asc' : 'desc' }),
    },
  };
}

export function PreheatsPage({ intent }: { intent?: PreheatsIntent | undefined }) {
  const s = usePreheats();
  const { filter, rows, total, sources, clusters, error, ready, applied, selected, find, covering, setFilter, setRange, open, refresh, loadMore, loadAll, toggle } = s;
  const managers = useManagers((m) => m.managers);
  const go = useRoute((r) => r.go);
  const now = useNow();
  const [deleting, setDeleting] = useState<JobRef[] | null>(null);
  // A failed export is an error; how much "select all" took is information, gone with the selection.
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);

  useEffect(() => void open(intent), [open, intent]);
  useEffect(watchPreheats, []);

  const openJob = useCallback((r: JobRow) => go({ page: 'job', managerId: r.managerId, jobId: r.id }), [go]);

  const clusterData = useMemo(() => clusterOptions(clusters), [clusters]);
  const managerName = (id: string) => managers.find((m) => m.id === id)?.name ?? id;

  const loaded = sources.reduce((a, x) => a + x.loaded, 0);
  const known = sources.reduce((a, x) => a + (x.total ?? x.loaded), 0);
  const more = sources.some((x) => x.hasMore && !x.error);
  const filtered =
    filter.search !== '' || filter.statuses.length + filter.managerIds.length + filter.clusters.length + filter.kinds.length > 0 || !!filter.createdFrom || !!filter.createdTo;
  const allSelected = total > 0 && selected.size >= Math.min(total, BULK_LIMIT);

  const exportAs = async (format: 'csv' | 'json') => {
    const failed = await s.exportAs(format);
    setNotice(failed ? { text: failed, failed: true } : null);
  };
  const clearSelection = () => {
    s.clearSelection();
    setNotice(null);
  };
  const selectAll = async () => {
    if (allSelected) return clearSelection();
    const matched = await s.selectAllMatching();
    setNotice(matched > BULK_LIMIT ? { text: `${count(matched)} match: the first ${count(BULK_LIMIT)} are selected (one action takes at most ${count(BULK_LIMIT)}).`, failed: false } : null);
  };

  const columns: HeadColumn[] = [
    {
      label: 'Select all',
      content: (
        <input
          type="checkbox"
          className={table.check}
          checked={allSelected}
          ref={(el) => {
            if (el) el.indeterminate = selected.size > 0 && !allSelected;
          }}
          onChange={() => void selectAll()}
          aria-label={allSelected ? 'Clear the selection' : `Select all ${count(Math.min(total, BULK_LIMIT))} matching`}
          data-testid="select-all"
        />
      ),
    },
    sortColumn('Status', 'status', filter, setFilter),
    'ID',
    'Manager',
    'Clusters',
    'Type',
    'URL',
    'Description',
    sortColumn('Created', 'created', filter, setFilter),
    sortColumn('Duration', 'duration', filter, setFilter),
  ];

  return (
    <Stack h="100%" gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Preheats
        </Title>
        <Group gap="xs">
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" data-testid="export-jobs">
                Export {selected.size ? `${count(selected.size)} selected` : filtered ? `${count(total)} shown` : 'list'}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void exportAs('csv')}>CSV (spreadsheet)</Menu.Item>
              <Menu.Item onClick={() => void exportAs('json')}>JSON</Menu.Item>
            </Menu.Dropdown>
          </Menu>
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
        <FilterSelect label="Status" data={STATUSES.map((x) => ({ value: x, label: STATUS_LABEL[x] }))} value={filter.statuses} onChange={(v) => setFilter({ statuses: v })} width={220} testId="filter-status" />
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
        <CreatedFilter from={filter.createdFrom} to={filter.createdTo} onChange={(range) => void setFilter(range)} />
        {filtered && (
          <Button variant="subtle" onClick={() => setFilter(emptyFilter())}>
            Clear filters
          </Button>
        )}
      </Group>
      {find && <FindNotice find={find} />}
      {covering && (
        <Group gap="xs" data-testid="covering">
          <Loader size="xs" />
          <Text size="sm">Loading older pages until every manager reaches back to {new Date(filter.createdFrom!).toLocaleString()}…</Text>
        </Group>
      )}
      {sources.length > 0 && (
        <Group gap="xs" align="flex-start">
          {sources.map((x) => (
            <SourceChip key={x.managerId} s={x} />
          ))}
        </Group>
      )}
      {selected.size > 0 && (
        <Paper withBorder px="sm" py={6} data-testid="selection-bar">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {count(selected.size)} selected
            </Text>
            <Group gap="xs">
              <Button size="xs" color="red" variant="light" onClick={() => setDeleting([...selected.values()])} data-testid="delete-selected">
                Delete…
              </Button>
              <Button size="xs" variant="subtle" onClick={clearSelection}>
                Clear selection
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      {error ? <Alert color="red">{error}</Alert> : notice && <Alert color={notice.failed ? 'red' : 'blue'}>{notice.text}</Alert>}
      <Paper
        withBorder
        className={`${table.table} ${table.fill}`}
        data-testid="job-table"
        data-applied={applied}
        role="grid"
        aria-label="Preheat jobs"
        aria-rowcount={total + 1}
        aria-multiselectable
      >
        <TableHead rowClassName={classes.row} columns={columns} />
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
              renderRow={(i, style) => {
                const row = rows.get(i);
                return (
                  <JobListRow
                    key={i}
                    index={i}
                    row={row}
                    top={style.top as number}
                    now={now}
                    selected={!!row && selected.has(row.key)}
                    onOpen={openJob}
                    onToggle={toggle}
                  />
                );
              }}
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
      <DeleteJobsDialog
        refs={deleting}
        label={(r) => `#${r.jobId} on ${managerName(r.managerId)}`}
        remove={s.remove}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
