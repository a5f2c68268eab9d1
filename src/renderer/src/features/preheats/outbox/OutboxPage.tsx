import { Alert, Anchor, Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { SubmissionView } from '@shared/models';
import { routeHash } from '@renderer/app/route';
import { dateTime } from '@renderer/lib/format';
import { SubmissionParts } from '../submission/SubmissionParts';
import { useOutbox } from './outbox-store';

/** Still moving, or settled in a way the user has to look at (no job found after a lost answer). */
const open = (s: SubmissionView) => !s.done || s.targets.some((t) => t.state === 'unknown');

/** Every submission's parts, one per target manager, from written to disk to created; live. */
export function OutboxPage({ submission }: { submission?: string | undefined }) {
  const { submissions, waiting, attention, loaded, error, load } = useOutbox();

  useEffect(() => {
    void load();
  }, [load]);

  const pending = submissions.filter(open);
  const settled = submissions.filter((s) => !open(s));
  return (
    <Stack gap="md" pb="xl" data-testid="outbox">
      <Group gap="sm" align="baseline">
        <Title order={1} size="h2">Outbox</Title>
        <Text c="dimmed" size="sm" data-testid="outbox-counts">
          {waiting} part{waiting === 1 ? '' : 's'} waiting · {attention} to check
        </Text>
      </Group>
      <Text size="sm" c="dimmed">
        Each target manager's part of a submission is written here before it is sent, and sent exactly once. A part whose
        manager cannot be reached waits until it answers again. Settled submissions are kept 7 days.
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {!loaded && <Loader size="sm" />}
      {loaded && submission && !submissions.some((s) => s.id === submission) && (
        <Alert color="gray" data-testid="outbox-gone">
          This submission is not in the outbox any more (settled submissions are kept 7 days); its jobs are in the preheat list.
        </Alert>
      )}
      {loaded && submissions.length === 0 && (
        <Text c="dimmed" data-testid="outbox-empty">
          Nothing was sent in the last 7 days.
        </Text>
      )}
      {pending.length > 0 && <Title order={4}>Waiting or to check</Title>}
      {pending.map((s) => (
        <OutboxSubmission key={s.id} view={s} focused={s.id === submission} />
      ))}
      {settled.length > 0 && <Title order={4}>Settled</Title>}
      {settled.map((s) => (
        <OutboxSubmission key={s.id} view={s} focused={s.id === submission} />
      ))}
    </Stack>
  );
}

/** One submission: what it sends, when, and each part. The one a link opened is scrolled to and outlined. */
function OutboxSubmission({ view, focused }: { view: SubmissionView; focused: boolean }) {
  const act = useOutbox((s) => s.act);
  const actionError = useOutbox((s) => (s.actionError?.id === view.id ? s.actionError.message : null));
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'start' });
  }, [focused]);

  return (
    <Paper
      ref={ref}
      withBorder
      p="sm"
      data-testid="outbox-submission"
      data-id={view.id}
      data-focused={focused || undefined}
      style={focused ? { borderColor: 'var(--mantine-primary-color-filled)', borderWidth: 2 } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Badge variant="light" color="gray">
              {view.kind}
            </Badge>
            <Text fw={600} truncate>
              {view.description || view.urls[0] || 'no description'}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {dateTime(view.createdAt)} · {view.urls.join(', ')} · {view.ifUnreachable === 'queue' ? 'queued while a manager is unreachable' : 'failed at once where a manager was unreachable'}
          </Text>
        </Stack>
        <Anchor size="sm" style={{ whiteSpace: 'nowrap' }} href={routeHash({ page: 'submission', id: view.id })}>
          Open
        </Anchor>
      </Group>
      {actionError && (
        <Alert color="red" variant="light" mt="xs" data-testid="outbox-action-error">
          {actionError}
        </Alert>
      )}
      <SubmissionParts view={view} onAct={(action, managerId) => void act(view.id, action, managerId)} />
    </Paper>
  );
}
