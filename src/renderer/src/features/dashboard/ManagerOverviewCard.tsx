import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { memo } from 'react';
import type { ManagerOverview } from '@shared/dashboard';
import type { ManagerView, WatchState } from '@shared/models';
import { ago, count } from '@renderer/lib/format';

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <Stack gap={0} title={hint} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" fw={600}>
        {value}
      </Text>
    </Stack>
  );
}

function loginLine(view: ManagerView | undefined): string {
  if (!view) return '';
  if (view.auth.kind === 'pat') return `Personal access token${view.auth.tokenExpiresAt ? `, expires ${view.auth.tokenExpiresAt.slice(0, 10)}` : ', expiry unknown'}`;
  const roles = view.lastReport?.roles;
  return `${view.auth.username} (${roles?.length ? roles.join(', ') : 'role not checked yet'}), signed in with a password`;
}

/** One manager at a glance: reachable, how fast, what it runs, who is signed in, what it has, how preheats went. */
export const ManagerOverviewCard = memo(function ManagerOverviewCard({ m, view, watch, now }: { m: ManagerOverview; view: ManagerView | undefined; watch: WatchState | undefined; now: number }) {
  const state = !m.loaded ? 'loading' : m.error ? 'unreachable' : 'reachable';
  const color = state === 'loading' ? 'gray' : state === 'unreachable' ? 'red' : 'teal';
  const o = m.outcomes24h;
  const generation = view?.lastReport?.generation;
  return (
    <Card withBorder padding="sm" data-testid={`overview-${m.managerName}`}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Text fw={700}>{m.managerName}</Text>
          <Badge color={color} variant="light" data-testid="overview-state">
            {state}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {m.refreshing ? 'updating…' : m.fetchedAt ? `updated ${ago(m.fetchedAt, now)}` : ''}
        </Text>
      </Group>
      <Text size="xs" c="dimmed" data-testid="overview-login">
        {loginLine(view)}
        {generation ? ` · ${generation.label}` : ''}
        {m.latencyMs !== null && !m.error ? ` · ${Math.round(m.latencyMs)} ms` : ''}
      </Text>
      {m.error && (
        <Alert color="red" variant="light" p="xs" mt="xs" data-testid="overview-error">
          {m.error}
          {m.fetchedAt ? ` (figures below are from ${ago(m.fetchedAt, now)})` : ''}
        </Alert>
      )}
      {watch?.warnings.map((w) => (
        <Alert key={w} color="orange" variant="light" p="xs" mt="xs" data-testid="overview-warning">
          {w}
        </Alert>
      ))}
      <SimpleGrid cols={4} mt="sm" spacing="xs">
        <Figure label="Clusters" value={m.clusters === null ? '–' : count(m.clusters)} testId="fig-clusters" />
        <Figure
          label="Schedulers"
          value={m.schedulers ? `${m.schedulers.active}/${m.schedulers.total}` : '–'}
          hint={m.schedulers ? `${m.schedulers.active} active of ${m.schedulers.total}; ${m.schedulers.withPreheat} active with the preheat feature` : undefined}
          testId="fig-schedulers"
        />
        <Figure label="Seed peers" value={m.seedPeers ? `${m.seedPeers.active}/${m.seedPeers.total}` : '–'} hint="active / total" testId="fig-seed-peers" />
        <Figure label="Peers" value={m.peers === null ? '–' : count(m.peers)} testId="fig-peers" />
      </SimpleGrid>
      {m.schedulers && (
        <Text size="xs" c="dimmed" mt={2}>
          {m.schedulers.withPreheat} active scheduler{m.schedulers.withPreheat === 1 ? '' : 's'} with the preheat feature
        </Text>
      )}
      {m.hidden && (
        <Text size="xs" c="dimmed" mt={4} data-testid="overview-hidden">
          {m.hidden}
        </Text>
      )}
      <Group gap={6} mt="sm" data-testid="overview-outcomes">
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          <b>{m.pending}</b> pending
        </Text>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          · 24 h:
        </Text>
        {m.outcomesLoading ? (
          <Text size="sm" c="dimmed" fs="italic" data-testid="overview-outcomes-loading">
            still reading the last day's jobs…
          </Text>
        ) : (
          (
            [
              ['succeeded', o.succeeded, 'teal'],
              ['partial', o.partial, 'orange'],
              ['confirmed by no peer', o.unconfirmed, 'yellow'],
              ['failed', o.failed, 'red'],
              ['timed out', o.timed_out, 'grape'],
            ] as const
          ).map(([label, n, c]) => (
            <Text key={label} size="sm" c={c} style={{ whiteSpace: 'nowrap' }} title={`${n} ${label} in the last 24 h`}>
              <b>{n}</b> {label}
            </Text>
          ))
        )}
      </Group>
    </Card>
  );
});
