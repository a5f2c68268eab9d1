import { Alert, Badge, Box, Button, Group, Loader, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/shallow';
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
function sortColumn(label: string, sort: JobSort, filter: Pick<Filter, 'sort' | 'order'>, setFilter: (p: Partial<Filter>) => void): HeadColumn {
  const active = filter.sort === sort;
  return {
    label,
    sort: {
      direction: active ? (filter.order === 'asc' ? 'ascending' : 'descending') : null,
      onSort: () => void setFilter({ sort, order: active && filter.order === 'desc' ? 'asc' : 'desc' }),
    },
  };
}

/** Whether any filter or search narrows the list. */
const isFiltered = (f: Filter) =>
  f.search !== '' || f.statuses.length + f.managerIds.length + f.clusters.length + f.kinds.length > 0 || !!f.createdFrom || !!f.createdTo;

/** Jobs the footer counts: loaded, known on the managers, and whether older pages are left. */
function loadedCounts(sources: ManagerLoadState[]) {
  return {
    loaded: sources.reduce((a, x) => a + x.loaded, 0),
    known: sources.reduce((a, x) => a + (x.total ?? x.loaded), 0),
    more: sources.some((x) => x.hasMore && !x.error),
  };
}

/*
 * The page is cut into parts that each read only what they show from the store: a keystroke in
 * search re-renders the search box, and its answer the table and the counts, not the page's themed
 * buttons, menus and filters (bench:list, 2026-12-01: two whole-page renders took ~100 ms a keystroke).
 */

/** The search box: the one part a keystroke re-renders. */
function JobSearch() {
  const search = usePreheats((p) => p.filter.search);
  const setFilter = usePreheats((p) => p.setFilter);
  return <SearchInput placeholder="Search id, URL or description" label="Search" value={search} onChange={(v) => void setFilter({ search: v })} width={300} testId="job-search" />;
}

/** Every filter but search, and Clear filters. */
const JobFieldFilters = memo(function JobFieldFilters() {
  const f = usePreheats(
    useShallow(({ filter }) => ({
      statuses: filter.statuses,
      managerIds: filter.managerIds,
      clusters: filter.clusters,
      kinds: filter.kinds,
      createdFrom: filter.createdFrom,
      createdTo: filter.createdTo,
      filtered: isFiltered(filter),
    })),
  );
  const setFilter = usePreheats((p) => p.setFilter);
  const clusters = usePreheats((p) => p.clusters);
  const managers = useManagers((m) => m.managers);
  const clusterData = useMemo(() => clusterOptions(clusters), [clusters]);
  return (
    <>
      <FilterSelect label="Status" data={STATUSES.map((x) => ({ value: x, label: STATUS_LABEL[x] }))} value={f.statuses} onChange={(v) => setFilter({ statuses: v })} width={220} testId="filter-status" />
      <FilterSelect label="Manager" data={managers.map((m) => ({ value: m.id, label: m.name }))} value={f.managerIds} onChange={(v) => setFilter({ managerIds: v })} width={200} testId="filter-manager" />
      <FilterSelect label="Cluster" data={clusterData} value={f.clusters} onChange={(v) => setFilter({ clusters: v })} width={220} searchable testId="filter-cluster" />
      <FilterSelect
        label="Type"
        data={[
          { value: 'image', label: 'Image' },
          { value: 'file', label: 'File' },
        ]}
        value={f.kinds}
        onChange={(kinds) => setFilter({ kinds })}
        width={160}
        testId="filter-type"
      />
      <CreatedFilter from={f.createdFrom} to={f.createdTo} onChange={(range) => void setFilter(range)} />
      {f.filtered && (
        <Button variant="subtle" onClick={() => setFilter(emptyFilter())}>
          Clear filters
        </Button>
      )}
    </>
  );
});

/** Export: the selection, or what the filters show, or the whole list. */
function ExportMenu({ onResult }: { onResult(failed: string | null): void }) {
  const label = usePreheats(({ selected, filter, total }) => (selected.size ? `${count(selected.size)} selected` : isFiltered(filter) ? `${count(total)} shown` : 'list'));
  const exportAs = usePreheats((p) => p.exportAs);
  const run = async (format: 'csv' | 'json') => onResult(await exportAs(format));
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" data-testid="export-jobs">
          Export {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void run('csv')}>CSV (spreadsheet)</Menu.Item>
        <Menu.Item onClick={() => void run('json')}>JSON</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Where each manager's list stands; the store keeps the same array while nothing in it changed. */
const SourceChips = memo(function SourceChips() {
  const sources = usePreheats((p) => p.sources);
  if (sources.length === 0) return null;
  return (
    <Group gap="xs" align="flex-start">
      {sources.map((x) => (
        <SourceChip key={x.managerId} s={x} />
      ))}
    </Group>
  );
});

function CoveringNotice() {
  const from = usePreheats((p) => (p.covering ? p.filter.createdFrom : null));
  if (!from) return null;
  return (
    <Group gap="xs" data-testid="covering">
      <Loader size="xs" />
      <Text size="sm">Loading older pages until every manager reaches back to {new Date(from).toLocaleString()}…</Text>
    </Group>
  );
}

function SelectionBar({ onDelete, onClear }: { onDelete(refs: JobRef[]): void; onClear(): void }) {
  const selected = usePreheats((p) => p.selected);
  if (selected.size === 0) return null;
  return (
    <Paper withBorder px="sm" py={6} data-testid="selection-bar">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {count(selected.size)} selected
        </Text>
        <Group gap="xs">
          <Button size="xs" color="red" variant="light" onClick={() => onDelete([...selected.values()])} data-testid="delete-selected">
            Delete…
          </Button>
          <Button size="xs" variant="subtle" onClick={onClear}>
            Clear selection
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

/** The list itself, with its sortable head: re-rendered by each answer. */
function JobTable({ onNotice }: { onNotice(notice: { text: string; failed: boolean } | null): void }) {
  const { rows, total, ready, applied, selected, sort, order, filtered, setFilter, setRange, toggle } = usePreheats(
    useShallow((p) => ({
      rows: p.rows,
      total: p.total,
      ready: p.ready,
      applied: p.applied,
      selected: p.selected,
      sort: p.filter.sort,
      order: p.filter.order,
      filtered: isFiltered(p.filter),
      setFilter: p.setFilter,
      setRange: p.setRange,
      toggle: p.toggle,
    })),
  );
  const { loaded, more } = usePreheats(useShallow((p) => loadedCounts(p.sources)));
  const noManagers = useManagers((m) => m.managers.length === 0);
  const go = useRoute((r) => r.go);
  const now = useNow();
  const openJob = useCallback((r: JobRow) => go({ page: 'job', managerId: r.managerId, jobId: r.id }), [go]);
  const allSelected = total > 0 && selected.size >= Math.min(total, BULK_LIMIT);

  const selectAll = async () => {
    const s = usePreheats.getState();
    if (allSelected) {
      s.clearSelection();
      return onNotice(null);
    }
    const matched = await s.selectAllMatching();
    onNotice(matched > BULK_LIMIT ? { text: `${count(matched)} match: the first ${count(BULK_LIMIT)} are selected (one action takes at most ${count(BULK_LIMIT)}).`, failed: false } : null);
  };

  const sortBy = { sort, order };
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
    sortColumn('Status', 'status', sortBy, setFilter),
    'ID',
    'Manager',
    'Clusters',
    'Type',
    'URL',
    'Description',
    sortColumn('Created', 'created', sortBy, setFilter),
    sortColumn('Duration', 'duration', sortBy, setFilter),
  ];

  return (
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
            <Text fw={600}>{noManagers ? 'No managers configured' : filtered ? 'No preheat matches the filters' : 'No preheat jobs yet'}</Text>
            <Text size="sm" c="dimmed">
              {noManagers
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
  );
}

function JobFooter() {
  const { loaded, known, more } = usePreheats(useShallow((p) => loadedCounts(p.sources)));
  const matched = usePreheats((p) => (isFiltered(p.filter) ? p.total : null));
  const loadMore = usePreheats((p) => p.loadMore);
  const loadAll = usePreheats((p) => p.loadAll);
  return (
    <Group justify="space-between" data-testid="job-footer">
      <Text size="sm" c="dimmed">
        {matched !== null ? `${count(matched)} match · ` : ''}
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
  );
}

export function PreheatsPage({ intent }: { intent?: PreheatsIntent | undefined }) {
  const open = usePreheats((p) => p.open);
  const refresh = usePreheats((p) => p.refresh);
  const remove = usePreheats((p) => p.remove);
  const clearSelection = usePreheats((p) => p.clearSelection);
  const error = usePreheats((p) => p.error);
  const find = usePreheats((p) => p.find);
  const managers = useManagers((m) => m.managers);
  const go = useRoute((r) => r.go);
  const [deleting, setDeleting] = useState<JobRef[] | null>(null);
  // A failed export is an error; how much "select all" took is information, gone with the selection.
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);

  useEffect(() => void open(intent), [open, intent]);
  useEffect(watchPreheats, []);

  const managerName = (id: string) => managers.find((m) => m.id === id)?.name ?? id;

  return (
    <Stack h="100%" gap="sm">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Preheats
        </Title>
        <Group gap="xs">
          <ExportMenu onResult={(failed) => setNotice(failed ? { text: failed, failed: true } : null)} />
          <Button variant="default" onClick={refresh}>
            Refresh
          </Button>
          <Button onClick={() => go({ page: 'new' })} data-testid="new-preheat">
            New preheat
          </Button>
        </Group>
      </Group>
      <Group gap="xs" align="flex-end">
        <JobSearch />
        <JobFieldFilters />
      </Group>
      {find && <FindNotice find={find} />}
      <CoveringNotice />
      <SourceChips />
      <SelectionBar
        onDelete={setDeleting}
        onClear={() => {
          clearSelection();
          setNotice(null);
        }}
      />
      {error ? <Alert color="red">{error}</Alert> : notice && <Alert color={notice.failed ? 'red' : 'blue'}>{notice.text}</Alert>}
      <JobTable onNotice={setNotice} />
      <JobFooter />
      <DeleteJobsDialog refs={deleting} label={(r) => `#${r.jobId} on ${managerName(r.managerId)}`} remove={remove} onClose={() => setDeleting(null)} />
    </Stack>
  );
}
