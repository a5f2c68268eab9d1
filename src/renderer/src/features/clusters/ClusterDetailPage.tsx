import { Alert, Anchor, Badge, Box, Button, Code, CopyButton, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ago, dateTime } from '@renderer/lib/format';
import { useNow } from '@renderer/lib/use-now';
import { routeHash, useRoute } from '@renderer/app/route';
import { Field } from '@renderer/components/Field';
import { CountBars } from '@renderer/components/CountBars';
import { useCluster } from './cluster-store';

function IdWithCopy({ value, label }: { value: number; label: string }) {
  return (
    <Group gap={4}>
      <Code>{value}</Code>
      <CopyButton value={String(value)}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`Copy ${label}`}>
            {copied ? 'copied' : 'copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

const stateColor = (s: string) => (s === 'active' ? 'teal' : 'gray');
const orDash = (v: number | string | null | undefined) => (v === null || v === undefined || v === '' ? '–' : String(v));

export function ClusterDetailPage({ managerId, clusterId }: { managerId: string; clusterId: number }) {
  const { detail, error, csvError, open, close, load, exportPeers } = useCluster();
  const go = useRoute((s) => s.go);
  const now = useNow();

  useEffect(() => {
    void open({ managerId, clusterId });
    return close;
  }, [open, close, managerId, clusterId]);

  if (!detail) {
    return error ? (
      <Stack>
        <Anchor href={routeHash({ page: 'dashboard' })}>← Overview</Anchor>
        <Alert color="red" title={`Cluster ${clusterId}`} data-testid="cluster-error">
          {error}
        </Alert>
      </Stack>
    ) : (
      <Loader />
    );
  }
  const c = detail.cluster;
  const l = c.limits;
  const state = detail.canPreheat === null ? 'unknown' : detail.canPreheat ? 'ready' : 'cannot';
  return (
    <Box h="100%" style={{ overflowY: 'auto' }}>
      <Stack gap="md" pb="xl" data-testid="cluster-detail">
        <Anchor href={routeHash({ page: 'dashboard' })}>← Overview</Anchor>
        <Group justify="space-between">
          <Group gap="xs" align="baseline">
            <Title order={1} size="h2">{c.name}</Title>
            <Text c="dimmed">
              #{c.id} on {detail.managerName}
            </Text>
            {c.isDefault && <Badge variant="light">default</Badge>}
            <Badge color={state === 'ready' ? 'teal' : state === 'cannot' ? 'red' : 'gray'} data-testid="cluster-capability">
              {state === 'ready' ? 'can take preheats' : state === 'cannot' ? 'cannot take preheats' : 'preheat ability not visible'}
            </Badge>
          </Group>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              fetched {ago(detail.fetchedAt, now)}
            </Text>
            <Button variant="default" onClick={() => void load()}>
              Refresh
            </Button>
            <Button variant="light" onClick={() => go({ page: 'preheats', intent: { kind: 'cluster', managerId, clusterId } })} data-testid="cluster-preheats">
              Its preheats
            </Button>
            <Button onClick={() => go({ page: 'new', intent: { kind: 'target', managerId, clusterId } })} disabled={detail.canPreheat === false} title={detail.reason ?? undefined} data-testid="preheat-here">
              Preheat to this cluster
            </Button>
          </Group>
        </Group>
        {detail.reason && (
          <Alert color="red" variant="light" data-testid="cluster-reason">
            {detail.reason}
          </Alert>
        )}
        {detail.warnings.map((w) => (
          <Alert key={w} color="orange" variant="light" data-testid="cluster-warning">
            {w}
          </Alert>
        ))}
        {detail.hidden && (
          <Alert color="gray" variant="light">
            {detail.hidden}
          </Alert>
        )}
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md">
            <Field label="Description">{c.bio || '–'}</Field>
            <Field label="Scheduler cluster id">
              <IdWithCopy value={c.schedulerClusterId} label="scheduler cluster id" />
            </Field>
            <Field label="Seed peer cluster id">
              <IdWithCopy value={c.seedPeerClusterId} label="seed peer cluster id" />
            </Field>
            <Field label="Created">{dateTime(c.createdAt)}</Field>
            <Field label="IDC">{orDash(c.scopes.idc)}</Field>
            <Field label="Location">{orDash(c.scopes.location)}</Field>
            <Field label="CIDRs">{c.scopes.cidrs.join(', ') || '–'}</Field>
            <Field label="Hostnames">{c.scopes.hostnames.join(', ') || '–'}</Field>
            <Field label="Job rate limit">{l.jobRateLimit === null ? '–' : `${l.jobRateLimit} creates/s`}</Field>
            <Field label="Candidate parent limit">{orDash(l.candidateParentLimit)}</Field>
            <Field label="Filter parent limit">{orDash(l.filterParentLimit)}</Field>
            <Field label="Load limit: seed peers / peers">
              {orDash(l.seedPeerLoadLimit)} / {orDash(l.peerLoadLimit)}
            </Field>
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            Schedulers
          </Title>
          {detail.schedulers === null ? (
            <Text size="sm" c="dimmed">
              Not visible to a token login.
            </Text>
          ) : detail.schedulers.length === 0 ? (
            <Text size="sm">No scheduler is registered in this cluster: it cannot take preheats until one starts and keeps alive.</Text>
          ) : (
            <Table data-testid="scheduler-table">
              <Table.Thead>
                <Table.Tr>
                  {['Hostname', 'IP', 'Port', 'State', 'Features', 'Last keep-alive', 'IDC / location'].map((h) => (
                    <Table.Th key={h}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detail.schedulers.map((s) => (
                  <Table.Tr key={`${s.hostname}-${s.ip}`}>
                    <Table.Td>{s.hostname}</Table.Td>
                    <Table.Td ff="monospace">{s.ip}</Table.Td>
                    <Table.Td>{orDash(s.port)}</Table.Td>
                    <Table.Td>
                      <Badge color={stateColor(s.state)} variant="light">
                        {s.state}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{s.features.join(', ') || 'none'}</Table.Td>
                    <Table.Td>
                      {dateTime(s.lastKeepAliveAt)} <Text span size="xs" c="dimmed">({ago(s.lastKeepAliveAt, now)})</Text>
                    </Table.Td>
                    <Table.Td>{[s.idc, s.location].filter(Boolean).join(' / ') || '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            Seed peers
          </Title>
          {detail.seedPeers === null ? (
            <Text size="sm" c="dimmed">
              Not visible to a token login.
            </Text>
          ) : detail.seedPeers.length === 0 ? (
            <Text size="sm">No seed peer is registered in the manager for this cluster.</Text>
          ) : (
            <Table data-testid="seed-peer-table">
              <Table.Thead>
                <Table.Tr>
                  {['Hostname', 'IP', 'Port', 'Download port', 'Object storage port', 'Type', 'State'].map((h) => (
                    <Table.Th key={h}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detail.seedPeers.map((p) => (
                  <Table.Tr key={`${p.hostname}-${p.ip}`}>
                    <Table.Td>{p.hostname}</Table.Td>
                    <Table.Td ff="monospace">{p.ip}</Table.Td>
                    <Table.Td>{orDash(p.port)}</Table.Td>
                    <Table.Td>{orDash(p.downloadPort)}</Table.Td>
                    <Table.Td>{orDash(p.objectStoragePort || null)}</Table.Td>
                    <Table.Td>{p.type || '–'}</Table.Td>
                    <Table.Td>
                      <Badge color={stateColor(p.state)} variant="light">
                        {p.state}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="sm" fw={600} mt="sm">
            Seen in preheats, last 24 h
          </Text>
          {detail.seedPeersSeen.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="seed-peers-seen">
              No seed peer confirmed a preheat here in the last 24 h. The Rust seed peer (dfdaemon) never registers in the manager, so this is how the
              app tells that one runs.
            </Text>
          ) : (
            <Text size="sm" data-testid="seed-peers-seen">
              {detail.seedPeersSeen.map((p) => `${p.hostname} (${p.ip}, ${ago(p.at)})`).join(' · ')}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Group justify="space-between" mb="xs">
            <Title order={4}>Peers</Title>
            <Button size="xs" variant="default" onClick={() => void exportPeers()} disabled={!detail.peers || detail.peers.total === 0} data-testid="peers-csv">
              Export CSV
            </Button>
          </Group>
          {csvError && <Alert color="red">{csvError}</Alert>}
          {detail.peers === null ? (
            <Text size="sm" c="dimmed">
              Not visible to a token login.
            </Text>
          ) : (
            <>
              <Text size="sm" mb="xs" data-testid="peer-summary">
                {detail.peers.total} peers ({detail.peers.active} active),{' '}
                {detail.peers.lastSyncedAt ? `last synced ${ago(detail.peers.lastSyncedAt, now)}` : 'never synced'}. The manager keeps a snapshot of its peers, written
                by its daily sync, not a live view.
              </Text>
              {detail.peers.total > 0 && (
                <SimpleGrid cols={{ base: 1, lg: 2 }}>
                  <Stack gap={4}>
                    <Text size="sm" fw={600}>
                      By version
                    </Text>
                    <CountBars data={detail.peers.byVersion} color="var(--mantine-color-indigo-5)" label="Peers by version" />
                  </Stack>
                  <Stack gap={4}>
                    <Text size="sm" fw={600}>
                      By commit
                    </Text>
                    <CountBars data={detail.peers.byCommit.slice(0, 12)} color="var(--mantine-color-cyan-5)" label="Peers by commit" />
                  </Stack>
                </SimpleGrid>
              )}
            </>
          )}
        </Paper>
      </Stack>
    </Box>
  );
}
