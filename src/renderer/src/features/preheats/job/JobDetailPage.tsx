import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ClusterRef, ErrorLogEntry, JobDetail } from '@shared/models';
import { ago, dateTime, duration, mib, nanos, scopeLabel } from '@renderer/lib/format';
import { errorLogText } from '@renderer/lib/export';
import { useNow } from '@renderer/lib/use-now';
import { useRoute } from '@renderer/app/route';
import { Field } from '@renderer/components/Field';
import { StatusBadge } from '../status';
import { useJob } from './job-store';
import { DeleteJobsDialog } from '../list/DeleteJobsDialog';
import { DescriptionEditor } from './DescriptionEditor';
import { PeerTable } from './PeerTable';

/** While a job is pending the detail refreshes itself; the manager only updates at 0, 30, 90, 210 s… */
const PENDING_REFRESH_MS = 15_000;

const clusterName = (c: ClusterRef | null) => (c ? `${c.name ?? 'cluster'} #${c.id}` : 'cluster unknown');

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '-' : String(v));

function ErrorLog({ entries, status }: { entries: ErrorLogEntry[]; status: JobDetail['row']['status'] }) {
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {status === 'timed_out'
          ? 'No error text: the manager stopped watching this job after ~62 minutes and no scheduler ever reported back. The scheduler was probably down, or the manager restarted while the job ran.'
          : status === 'pending'
            ? 'No errors so far.'
            : 'No task-level errors.'}
      </Text>
    );
  }
  const groups = new Map<string, ErrorLogEntry[]>();
  for (const e of entries) {
    const k = clusterName(e.cluster);
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  return (
    <Stack gap="sm" data-testid="error-log">
      {[...groups].map(([cluster, list]) => (
        <Stack key={cluster} gap={4}>
          <Text size="sm" fw={600}>
            {cluster}
          </Text>
          {list.map((e) => (
            <Code key={e.taskUuid + e.error} block color="var(--mantine-color-red-light)" c="var(--mantine-color-red-light-color)" data-testid="error-text" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {e.error}
            </Code>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

export function JobDetailPage({ managerId, jobId }: { managerId: string; jobId: number }) {
  const go = useRoute((s) => s.go);
  const now = useNow();
  const { detail, error, loading, open, close, load, refresh, reuse, describe, remove } = useJob();
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    void open({ managerId, jobId });
    return close;
  }, [open, close, managerId, jobId]);

  const pending = detail?.row.status === 'pending';
  useEffect(() => {
    if (!pending) return;
    const t = setInterval(() => void load(), PENDING_REFRESH_MS);
    return () => clearInterval(t);
  }, [pending, load]);

  /** Open the create form prefilled from this job: the same preheat again, or only its failed peers. */
  const prefill = async (mode: 'duplicate' | 'retry-failed') => {
    const intent = await reuse(mode);
    if (intent) go({ page: 'new', intent });
  };

  const back = (
    <Anchor size="sm" onClick={() => go({ page: 'preheats' })}>
      ← All preheats
    </Anchor>
  );
  if (!detail) {
    return (
      <Stack>
        {back}
        {error ? (
          <Alert color="red" title={`Preheat ${jobId}`} data-testid="detail-error">
            {error}
          </Alert>
        ) : (
          <Loader />
        )}
      </Stack>
    );
  }
  const { row, args } = detail;
  const urls = [...(args.url ? [args.url] : []), ...args.urls.filter((u) => u !== args.url)];
  const fileBase = `preheat-${row.managerName}-${row.id}`;
  return (
    <Stack gap="md" pb="xl" data-testid="job-detail">
      {back}
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1} size="h2">
            Preheat #{row.id}
          </Title>
          <Text c="dimmed">on {row.managerName}</Text>
          <StatusBadge status={row.status} stuck={row.stuck} gone={row.gone} />
        </Group>
        <Group gap="xs">
          {loading && <Loader size="xs" />}
          <Text size="xs" c="dimmed">
            {pending ? 'Refreshing every 15 s · ' : ''}fetched {ago(detail.fetchedAt)}
          </Text>
          <Button size="xs" variant="default" onClick={() => void refresh()}>
            Refresh
          </Button>
          <Button size="xs" variant="light" onClick={() => void prefill('duplicate')} data-testid="duplicate">
            Duplicate
          </Button>
          {row.failedPeers > 0 && (
            <Button size="xs" variant="light" color="orange" onClick={() => void prefill('retry-failed')} data-testid="retry-failed">
              Retry failed peers
            </Button>
          )}
          <Button size="xs" variant="light" color="red" onClick={() => setDeleting(true)} data-testid="delete-job">
            Delete
          </Button>
        </Group>
      </Group>
      <DeleteJobsDialog
        refs={deleting ? [{ managerId, jobId }] : null}
        label={() => `#${jobId} on ${row.managerName}`}
        remove={remove}
        onClose={(result) => {
          setDeleting(false);
          if (result?.done.length) go({ page: 'preheats' });
        }}
      />
      {detail.staleReason && (
        <Alert color="orange" title="Showing the last copy seen">
          {detail.staleReason}
        </Alert>
      )}
      {error && detail && <Alert color="red">{error}</Alert>}
      {row.stuck && (
        <Alert color="red" title="Stuck">
          Pending for more than 65 minutes. The manager stops watching a job after ~62 minutes; a job still pending after that was
          orphaned, usually by a manager restart. It will stay pending until the manager garbage-collects it.
        </Alert>
      )}

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="md">
          <Field label="ID">{row.id}</Field>
          <Field label="Description">
            <DescriptionEditor description={row.description} save={describe} />
          </Field>
          <Field label="Type">{row.kind === 'image' ? 'Image' : row.kind === 'file' ? 'File' : '-'}</Field>
          <Field label="Status" testId="field-status">
            <Text size="sm">
              {row.state}
              {detail.resultState && detail.resultState !== row.state ? ` (result: ${detail.resultState})` : ''}
            </Text>
          </Field>
          <Field label="Targeted clusters" testId="field-clusters">
            {row.clusters?.length ? row.clusters.map((c) => <Badge key={c.id} variant="light" mr={4} tt="none">{`${c.name ?? 'cluster'} #${c.id}`}</Badge>) : '-'}
          </Field>
          <Field label="Created">{dateTime(row.createdAt)}</Field>
          <Field label="Updated">{dateTime(row.updatedAt)}</Field>
          <Field label="Duration">{row.durationMs === null ? `${duration(now - Date.parse(row.createdAt))} so far` : duration(row.durationMs)}</Field>
          <Field label="Scope">{scopeLabel[args.scope] ?? dash(args.scope)}</Field>
          {args.ips.length > 0 && <Field label="IPs">{args.ips.join(', ')}</Field>}
          {args.count !== null && <Field label="Count">{args.count}</Field>}
          {args.percentage !== null && <Field label="Percentage">{args.percentage}%</Field>}
          <Field label="Piece length">{args.pieceLength ? mib(args.pieceLength) : 'chosen by the manager'}</Field>
          {row.kind === 'image' && <Field label="Platform">{args.platform || "manager host's platform"}</Field>}
          <Field label="Tag">{dash(args.tag)}</Field>
          <Field label="Application">{dash(args.application)}</Field>
          <Field label="Timeout">{nanos(args.timeoutNs)}</Field>
          <Field label="Concurrency">
            {args.concurrentTaskCount ?? '-'} URLs · {args.concurrentPeerCount ?? '-'} peers
          </Field>
          <Field label="Task ID">
            <Text size="sm" ff="monospace">
              {dash(detail.taskId)}
            </Text>
          </Field>
          <Field label="Created by">{dash(detail.userName)}</Field>
        </SimpleGrid>
        <Stack mt="md" gap="sm">
          <Field label={urls.length > 1 ? `URLs (${urls.length})` : 'URL'}>
            {urls.length ? (
              urls.map((u) => (
                <Text key={u} size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {u}
                </Text>
              ))
            ) : (
              <Text size="sm">-</Text>
            )}
          </Field>
          <Field label="Filtered query params">
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {dash(args.filteredQueryParams.split('&').filter(Boolean).join(' & '))}
            </Text>
          </Field>
          {args.headers.length > 0 && (
            <Field label="Headers">
              <Table withTableBorder verticalSpacing={4}>
                <Table.Tbody>
                  {args.headers.map((h) => (
                    <Table.Tr key={h.name}>
                      <Table.Td ff="monospace">{h.name}</Table.Td>
                      <Table.Td ff="monospace">{h.masked ? '•••••••• (hidden: a credential)' : h.value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Field>
          )}
          {(args.username || args.passwordStoredOnManager) && (
            <Field label="Registry login">
              <Text size="sm">
                {args.username || '(no username)'} · password {args.passwordStoredOnManager ? '••••••••' : 'not set'}
              </Text>
              {args.passwordStoredOnManager && (
                <Alert color="orange" variant="light" mt={4} data-testid="password-warning">
                  The manager stores this registry password in clear in the job and returns it to anyone who can read jobs. Prefer a
                  short-lived token in an Authorization header.
                </Alert>
              )}
            </Field>
          )}
          {args.objectStorage.length > 0 && (
            <Field label="Object storage">
              <Text size="sm" ff="monospace">
                {args.objectStorage.map((o) => `${o.name}=${o.masked ? '••••' : o.value}`).join('  ')}
              </Text>
            </Field>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>Error log</Title>
          {detail.errorLog.length > 0 && (
            <CopyButton value={errorLogText(detail.errorLog)}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy log'}
                </Button>
              )}
            </CopyButton>
          )}
        </Group>
        <ErrorLog entries={detail.errorLog} status={row.status} />
      </Paper>

      {detail.tasks.length > 0 && (
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            Per cluster
          </Title>
          <Table verticalSpacing={4} data-testid="task-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Cluster</Table.Th>
                <Table.Th>Task state</Table.Th>
                <Table.Th>Peers succeeded</Table.Th>
                <Table.Th>Peers failed</Table.Th>
                <Table.Th>Task</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.tasks.map((t) => (
                <Table.Tr key={t.taskUuid}>
                  <Table.Td>{clusterName(t.cluster)}</Table.Td>
                  <Table.Td>{t.state}</Table.Td>
                  <Table.Td>{t.succeeded}</Table.Td>
                  <Table.Td c={t.failed ? 'red' : undefined}>{t.failed}</Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {t.taskUuid}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      <Stack gap="xs">
        <Title order={4}>Per-peer results</Title>
        <PeerTable peers={detail.peers} fileBase={fileBase} />
      </Stack>
    </Stack>
  );
}
