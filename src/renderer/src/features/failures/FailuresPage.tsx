import { Alert, Anchor, Box, Button, CloseButton, CopyButton, Group, Menu, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import type { FailureEntry, FailureFilter, FailureKind } from '@shared/models';
import { failureText } from '@shared/failure-text';
import { clusterOptions, FilterSelect, SearchInput } from '@renderer/components/filters';
import { VirtualList } from '@renderer/components/VirtualList';
import { dateTime, count } from '@renderer/lib/format';
import { routeHash } from '@renderer/app/route';
import { FAILURE_ROW_HEIGHT, FailureRow } from './FailureRow';
import { emptyFailureFilter, useFailures, watchFailures } from './failures-store';
import { KIND_HELP, KIND_LABEL, SEEN_AT_START } from './kinds';
import { TableHead } from '@renderer/components/TableHead';
import table from '@renderer/components/VirtualTable.module.css';
import classes from './FailuresPage.module.css';

const KINDS = Object.keys(KIND_LABEL) as FailureKind[];

function EntryDetail({ entry, onClose }: { entry: FailureEntry; onClose(): void }) {
  const setFilter = useFailures((s) => s.setFilter);
  return (
    <Paper withBorder p="sm" data-testid="failure-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {KIND_LABEL[entry.kind]} on {entry.managerName}
            {entry.cluster ? ` · ${entry.cluster.name ?? 'cluster'} #${entry.cluster.id}` : ''} · job #{entry.jobId}
            {entry.jobDescription ? ` (${entry.jobDescription})` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            {dateTime(entry.at)}
            {entry.seenAtStart ? ` · ${SEEN_AT_START}` : ''} · {KIND_HELP[entry.kind]}
            {entry.hostname || entry.ip ? ` · peer ${entry.hostname || '-'} ${entry.ip ? `(${entry.ip})` : ''}` : ''}
          </Text>
          {entry.url && (
            <Text size="xs" ff="monospace" truncate="end">
              {entry.url}
            </Text>
          )}
          <Text size="sm" ff="monospace" className={classes.detailText} data-testid="failure-detail-text">
            {entry.text}
          </Text>
        </Stack>
        <CloseButton aria-label="Close details" onClick={onClose} />
      </Group>
      <Group gap="xs" mt="xs">
        <Button size="xs" component="a" href={routeHash({ page: 'job', managerId: entry.managerId, jobId: entry.jobId })}>
          Open job
        </Button>
        <Button size="xs" variant="default" onClick={() => setFilter({ job: `${entry.managerId}:${entry.jobId}` })}>
          Only this job
        </Button>
        {(entry.hostname || entry.ip) && (
          <Button size="xs" variant="default" onClick={() => setFilter({ peer: entry.ip || entry.hostname })}>
            Only this peer
          </Button>
        )}
        <CopyButton value={failureText([entry])}>
          {({ copied, copy }) => (
            <Button size="xs" variant="subtle" onClick={copy}>
              {copied ? 'Copied' : 'Copy line'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Paper>
  );
}

const isFiltered = (f: Required<FailureFilter>) => f.search !== '' || f.peer !== '' || f.job !== '' || f.managerIds.length + f.clusters.length + f.kinds.length > 0;

/*
 * As on the Preheats page, each part reads only what it shows from the store: a keystroke in search
 * re-renders the search box, and its answer the table and the counts, not the themed filters.
 */

function FailureSearch() {
  const search = useFailures((p) => p.filter.search);
  const setFilter = useFailures((p) => p.setFilter);
  return <SearchInput placeholder="Search message, URL, job, peer" label="Search failures" value={search} onChange={(v) => void setFilter({ search: v })} width={260} testId="failure-search" />;
}

const FailureFieldFilters = memo(function FailureFieldFilters() {
  const f = useFailures(
    useShallow(({ filter }) => ({ managerIds: filter.managerIds, clusters: filter.clusters, kinds: filter.kinds, peer: filter.peer, job: filter.job, filtered: isFiltered(filter) })),
  );
  const setFilter = useFailures((p) => p.setFilter);
  const managers = useFailures((p) => p.managers);
  const clusters = useFailures((p) => p.clusters);
  const clusterData = useMemo(() => clusterOptions(clusters), [clusters]);
  return (
    <>
      <FilterSelect label="Manager" data={managers.map((m) => ({ value: m.id, label: m.name }))} value={f.managerIds} onChange={(v) => setFilter({ managerIds: v })} width={190} testId="failure-filter-manager" />
      <FilterSelect label="Cluster" data={clusterData} value={f.clusters} onChange={(v) => setFilter({ clusters: v })} width={200} searchable />
      <FilterSelect label="Kind" data={KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} value={f.kinds} onChange={(v) => setFilter({ kinds: v })} width={190} testId="failure-filter-kind" />
      <TextInput placeholder="Peer host or IP" aria-label="Peer" value={f.peer} onChange={(e) => setFilter({ peer: e.currentTarget.value })} w={170} data-testid="failure-filter-peer" />
      {f.job && (
        <Button variant="light" rightSection={<CloseButton size="xs" component="span" />} onClick={() => setFilter({ job: '' })} data-testid="failure-job-chip">
          Job {managers.find((m) => f.job.startsWith(`${m.id}:`))?.name ?? ''} #{f.job.split(':').pop()}
        </Button>
      )}
      {f.filtered && (
        <Button variant="subtle" onClick={() => setFilter(emptyFailureFilter())}>
          Clear filters
        </Button>
      )}
    </>
  );
});

function FailureCount() {
  const { total, filtered } = useFailures(useShallow((p) => ({ total: p.total, filtered: isFiltered(p.filter) })));
  return (
    <Text size="sm" c="dimmed" data-testid="failure-count">
      {count(total)} {filtered ? 'matching' : ''} failure{total === 1 ? '' : 's'}
    </Text>
  );
}

function FailureActions({ onExportError }: { onExportError(message: string | null): void }) {
  const { following, arrived, empty, filtered, selected, follow, exportAs } = useFailures(
    useShallow((p) => ({
      following: p.following,
      arrived: p.following ? 0 : Math.max(0, p.total - p.pausedAt),
      empty: p.total === 0,
      filtered: isFiltered(p.filter),
      selected: p.selected,
      follow: p.follow,
      exportAs: p.exportAs,
    })),
  );
  const selectedEntries = [...selected.values()].sort((a, b) => a.id - b.id);
  const download = async (format: 'text' | 'json') => onExportError(await exportAs(format));
  return (
    <Group gap="xs">
      {following ? (
        <Button variant="default" onClick={() => follow(false)} data-testid="failure-pause">
          Pause
        </Button>
      ) : (
        <Button onClick={() => follow(true)} data-testid="failure-follow" color={arrived ? 'red' : undefined}>
          {arrived ? `Follow · ${count(arrived)} new` : 'Follow'}
        </Button>
      )}
      <CopyButton value={failureText(selectedEntries)}>
        {({ copied, copy }) => (
          <Button variant="default" disabled={selectedEntries.length === 0} onClick={copy} data-testid="failure-copy">
            {copied ? 'Copied' : selectedEntries.length ? `Copy ${selectedEntries.length} selected` : 'Copy selected'}
          </Button>
        )}
      </CopyButton>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" disabled={empty}>
            Download
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{filtered ? 'The matching failures' : 'All failures in the log'}</Menu.Label>
          <Menu.Item onClick={() => void download('text')}>Text (.txt, tab-separated)</Menu.Item>
          <Menu.Item onClick={() => void download('json')}>JSON</Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

/** The log itself: re-rendered by each answer. */
function FailureTable({ opened, onOpen }: { opened: FailureEntry | null; onOpen(e: FailureEntry): void }) {
  const { rows, total, ready, applied, following, selected, filtered, setRange, follow, toggle } = useFailures(
    useShallow((p) => ({
      rows: p.rows,
      total: p.total,
      ready: p.ready,
      applied: p.applied,
      following: p.following,
      selected: p.selected,
      filtered: isFiltered(p.filter),
      setRange: p.setRange,
      follow: p.follow,
      toggle: p.toggle,
    })),
  );
  const onLeaveEnd = useCallback(() => follow(false), [follow]);
  return (
    <Paper
      withBorder
      className={`${table.table} ${table.fill}`}
      data-testid="failure-table"
      data-applied={applied}
      data-following={following}
      role="grid"
      aria-label="Failures"
      aria-rowcount={total + 1}
    >
      <TableHead rowClassName={classes.row} columns={['', 'Time', 'Manager', 'Cluster', 'Job', 'Kind', 'Peer', 'Message']} />
      <Box className={table.body}>
        {ready && total === 0 ? (
          <Stack align="center" justify="center" h="100%" gap={4} data-testid="failure-empty">
            <Text fw={600}>{filtered ? 'No failure matches the filters' : 'No failures'}</Text>
            <Text size="sm" c="dimmed">
              {filtered
                ? 'The log keeps the newest 100,000 failures from every manager.'
                : 'Failed peers, job errors, timeouts and stuck jobs from every manager appear here as the watcher sees them.'}
            </Text>
          </Stack>
        ) : (
          <VirtualList
            count={total}
            rowHeight={FAILURE_ROW_HEIGHT}
            onRange={setRange}
            followEnd={following}
            onLeaveEnd={onLeaveEnd}
            testId="failure-scroller"
            renderRow={(i, style) => {
              const e = rows.get(i);
              return (
                <FailureRow
                  key={e ? e.id : `i${i}`}
                  entry={e}
                  top={style.top as number}
                  selected={e ? selected.has(e.id) : false}
                  open={opened !== null && e?.id === opened.id}
                  onToggle={toggle}
                  onOpen={onOpen}
                />
              );
            }}
          />
        )}
      </Box>
    </Paper>
  );
}

function SelectionNote() {
  const size = useFailures((p) => p.selected.size);
  const clearSelection = useFailures((p) => p.clearSelection);
  if (size === 0) return null;
  return (
    <Text size="xs" c="dimmed">
      {size} selected ·{' '}
      <Anchor size="xs" component="button" onClick={clearSelection}>
        clear selection
      </Anchor>
    </Text>
  );
}

/**
 * The live failure log: every failure the watcher saw on every manager, oldest first, newest at the
 * bottom. It follows the tail until the user scrolls up or pauses; then it holds still and counts
 * what arrives.
 */
export function FailuresPage({ managerId, job }: { managerId?: string; job?: string }) {
  const open = useFailures((p) => p.open);
  const error = useFailures((p) => p.error);
  const [opened, setOpened] = useState<FailureEntry | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  // Opening the log shows its tail; a link (notification, tray) narrows it to a manager or a job.
  useEffect(() => void open(managerId, job), [open, managerId, job]);

  useEffect(watchFailures, []);

  return (
    <Stack h="100%" gap="sm">
      <Group justify="space-between">
        <Group gap="xs" align="baseline">
          <Title order={1} size="h2">
            Failure log
          </Title>
          <FailureCount />
        </Group>
        <FailureActions onExportError={setExportError} />
      </Group>
      <Group gap="xs" align="flex-end">
        <FailureSearch />
        <FailureFieldFilters />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {exportError && <Alert color="red">{exportError}</Alert>}
      <FailureTable opened={opened} onOpen={setOpened} />
      {opened && <EntryDetail entry={opened} onClose={() => setOpened(null)} />}
      <SelectionNote />
    </Stack>
  );
}
