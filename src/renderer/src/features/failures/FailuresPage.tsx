import { Alert, Anchor, Box, Button, CloseButton, CopyButton, Group, Menu, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FailureEntry, FailureKind } from '@shared/models';
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

/**
 * The live failure log: every failure the watcher saw on every manager, oldest first, newest at the
 * bottom. It follows the tail until the user scrolls up or pauses; then it holds still and counts
 * what arrives.
 */
export function FailuresPage({ managerId, job }: { managerId?: string; job?: string }) {
  const s = useFailures();
  const { filter, rows, total, following, pausedAt, selected, setFilter, setRange, open, follow, toggle, exportAs } = s;
  const [opened, setOpened] = useState<FailureEntry | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  // Opening the log shows its tail; a link (notification, tray) narrows it to a manager or a job.
  useEffect(() => void open(managerId, job), [open, managerId, job]);

  useEffect(watchFailures, []);

  const onLeaveEnd = useCallback(() => follow(false), [follow]);

  const clusterData = useMemo(() => clusterOptions(s.clusters), [s.clusters]);

  const filtered = filter.search !== '' || filter.peer !== '' || filter.job !== '' || filter.managerIds.length + filter.clusters.length + filter.kinds.length > 0;
  const arrived = following ? 0 : Math.max(0, total - pausedAt);
  const selectedEntries = [...selected.values()].sort((a, b) => a.id - b.id);

  const download = async (format: 'text' | 'json') => setExportError(await exportAs(format));

  return (
    <Stack h="100%" gap="sm">
      <Group justify="space-between">
        <Group gap="xs" align="baseline">
          <Title order={1} size="h2">Failure log</Title>
          <Text size="sm" c="dimmed" data-testid="failure-count">
            {count(total)} {filtered ? 'matching' : ''} failure{total === 1 ? '' : 's'}
          </Text>
        </Group>
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
              <Button variant="default" disabled={total === 0}>
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
      </Group>
      <Group gap="xs" align="flex-end">
        <SearchInput placeholder="Search message, URL, job, peer" label="Search failures" value={filter.search} onChange={(search) => setFilter({ search })} width={260} testId="failure-search" />
        <FilterSelect label="Manager" data={s.managers.map((m) => ({ value: m.id, label: m.name }))} value={filter.managerIds} onChange={(v) => setFilter({ managerIds: v })} width={190} testId="failure-filter-manager" />
        <FilterSelect label="Cluster" data={clusterData} value={filter.clusters} onChange={(v) => setFilter({ clusters: v })} width={200} searchable />
        <FilterSelect label="Kind" data={KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} value={filter.kinds} onChange={(v) => setFilter({ kinds: v })} width={190} testId="failure-filter-kind" />
        <TextInput
          placeholder="Peer host or IP"
          aria-label="Peer"
          value={filter.peer}
          onChange={(e) => setFilter({ peer: e.currentTarget.value })}
          w={170}
          data-testid="failure-filter-peer"
        />
        {filter.job && (
          <Button variant="light" rightSection={<CloseButton size="xs" component="span" />} onClick={() => setFilter({ job: '' })} data-testid="failure-job-chip">
            Job {s.managers.find((m) => filter.job.startsWith(`${m.id}:`))?.name ?? ''} #{filter.job.split(':').pop()}
          </Button>
        )}
        {filtered && (
          <Button variant="subtle" onClick={() => setFilter(emptyFailureFilter())}>
            Clear filters
          </Button>
        )}
      </Group>
      {s.error && <Alert color="red">{s.error}</Alert>}
      {exportError && <Alert color="red">{exportError}</Alert>}
      <Paper
        withBorder
        className={`${table.table} ${table.fill}`}
        data-testid="failure-table"
        data-applied={s.applied}
        data-following={following}
        role="grid"
        aria-label="Failures"
        aria-rowcount={total + 1}
      >
        <TableHead rowClassName={classes.row} columns={['', 'Time', 'Manager', 'Cluster', 'Job', 'Kind', 'Peer', 'Message']} />
        <Box className={table.body}>
          {s.ready && total === 0 ? (
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
                    onOpen={setOpened}
                  />
                );
              }}
            />
          )}
        </Box>
      </Paper>
      {opened && <EntryDetail entry={opened} onClose={() => setOpened(null)} />}
      {selected.size > 0 && (
        <Text size="xs" c="dimmed">
          {selected.size} selected ·{' '}
          <Anchor size="xs" component="button" onClick={s.clearSelection}>
            clear selection
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
