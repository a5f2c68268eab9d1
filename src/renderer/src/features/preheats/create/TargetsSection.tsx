import { Alert, Badge, Button, Checkbox, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import type { PreheatSpec } from '@shared/preheat-spec';
import { ago } from '@renderer/lib/format';
import { useCreatePreheat } from './create-store';
import { useFieldErrors } from './form-fields';
import { Section } from './Section';

/** Scheduler clusters of every manager, grouped by manager, with whether each can take a preheat now. */
export function TargetsSection() {
  return (
    <Section title="Clusters" hint="One request goes to each manager, carrying the clusters chosen on it.">
      <TargetPicker />
    </Section>
  );
}

function TargetPicker() {
  const targets = useCreatePreheat((s) => s.spec.targets);
  // Seed-peer scopes fail in a cluster without an active seed peer; the picker says so.
  const scope = useCreatePreheat((s) => s.spec.scope);
  const catalog = useCreatePreheat((s) => s.catalog);
  const failure = useCreatePreheat((s) => s.catalogError);
  const loadTargets = useCreatePreheat((s) => s.loadTargets);
  const update = useCreatePreheat((s) => s.update);
  const error = useFieldErrors().err('targets');
  const onChange = (next: PreheatSpec['targets']) => update((s) => void (s.targets = next));

  const selected = (managerId: string, id: number) => targets.some((t) => t.managerId === managerId && t.clusterIds.includes(id));
  const toggle = (managerId: string, id: number, on: boolean) => {
    const others = targets.filter((t) => t.managerId !== managerId);
    const mine = targets.find((t) => t.managerId === managerId)?.clusterIds ?? [];
    const next = on ? [...new Set([...mine, id])].sort((a, b) => a - b) : mine.filter((c) => c !== id);
    onChange(next.length ? [...others, { managerId, clusterIds: next }] : others);
  };

  if (failure) return <Alert color="red">{failure}</Alert>;
  if (!catalog) return <Loader size="sm" />;
  if (catalog.length === 0) return <Alert>No managers are configured. Add one on the Managers page first.</Alert>;
  return (
    <Stack gap="xs" data-testid="target-picker">
      {catalog.map((m) => (
        <Paper key={m.managerId} withBorder p="sm">
          <Group justify="space-between" mb={4}>
            <Text fw={600}>{m.managerName}</Text>
            {m.clusters.length > 1 && !m.error && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() =>
                  onChange([...targets.filter((t) => t.managerId !== m.managerId), { managerId: m.managerId, clusterIds: m.clusters.filter((c) => c.canPreheat !== false).map((c) => c.id) }])
                }
              >
                all that can take preheats
              </Button>
            )}
          </Group>
          {m.error && (
            <Text size="sm" c={m.clusters.length ? 'orange' : 'red'} data-testid={`target-stale-${m.managerName}`}>
              {m.asOf ? `as of ${ago(m.asOf)} · ` : 'never read · '}
              {m.error}
              {m.clusters.length ? ' · a preheat to it waits in the outbox until it answers' : ''}
            </Text>
          )}
          <Stack gap={6}>
            {m.clusters.map((c) => (
              <Stack key={c.id} gap={0}>
                <Group gap="xs" wrap="nowrap">
                  <Checkbox
                    label={`${c.name} (#${c.id})`}
                    checked={selected(m.managerId, c.id)}
                    onChange={(e) => toggle(m.managerId, c.id, e.currentTarget.checked)}
                    data-testid={`target-${m.managerName}-${c.name}`}
                  />
                  {c.isDefault && (
                    <Badge size="xs" variant="light" color="gray">
                      default
                    </Badge>
                  )}
                  <Badge size="xs" variant="outline" color="gray" tt="none" title="job_rate_limit: creates per second the manager accepts for this cluster">
                    {c.jobRateLimit}/s
                  </Badge>
                </Group>
                {c.canPreheat === false && (
                  <Text size="xs" c="red" ml={30}>
                    Cannot take preheats: {c.reason}
                  </Text>
                )}
                {c.canPreheat === null && (
                  <Text size="xs" c="dimmed" ml={30}>
                    {c.reason}
                  </Text>
                )}
                {c.canPreheat !== false && c.activeSeedPeers === 0 && c.seedPeersSeen === 0 && scope !== 'all_peers' && (
                  <Text size="xs" c="orange" ml={30}>
                    No seed peer registered in the manager, and none confirmed a preheat here in 24 h: if none runs, a seed-peer scope fails here
                  </Text>
                )}
                {c.activeSeedPeers === 0 && c.seedPeersSeen > 0 && (
                  <Text size="xs" c="dimmed" ml={30}>
                    {c.seedPeersSeen} seed peer{c.seedPeersSeen === 1 ? '' : 's'} seen in preheats in the last 24 h (not registered in the manager)
                  </Text>
                )}
              </Stack>
            ))}
          </Stack>
        </Paper>
      ))}
      <Group justify="space-between">
        {error ? (
          <Text size="sm" c="red" data-testid="targets-error">
            {error}
          </Text>
        ) : (
          <span />
        )}
        <Button size="compact-xs" variant="subtle" onClick={() => void loadTargets(true)}>
          Check the clusters again
        </Button>
      </Group>
    </Stack>
  );
}
