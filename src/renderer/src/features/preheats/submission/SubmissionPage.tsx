import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { SubmissionTarget } from '@shared/models';
import { dateTime } from '@renderer/lib/format';
import { useRoute } from '@renderer/app/route';
import { useSubmission } from './submission-store';

const STATE: Record<SubmissionTarget['state'], { label: string; color: string }> = {
  queued: { label: 'queued', color: 'gray' },
  sending: { label: 'sending', color: 'blue' },
  reconciling: { label: 'sent, answer unknown', color: 'grape' },
  created: { label: 'created', color: 'teal' },
  refused: { label: 'refused', color: 'red' },
  unknown: { label: 'unknown: check before sending again', color: 'orange' },
  cancelled: { label: 'cancelled', color: 'gray' },
};

/** What happened to each target of one submission, live. */
export function SubmissionPage({ id }: { id: string }) {
  const go = useRoute((s) => s.go);
  const { view, failure, actionError, watch, act } = useSubmission();

  useEffect(() => watch(id), [watch, id]);

  /** Back to the form, with what the managers refused on its fields, and optionally only the failed targets. */
  const backToForm = (onlyFailed: boolean) => {
    const failed = view?.targets.filter((t) => t.state === 'refused') ?? [];
    const targets = onlyFailed ? failed.map((t) => ({ managerId: t.managerId, clusterIds: t.clusters.map((c) => c.id) })) : null;
    go({ page: 'new', intent: { kind: 'resubmit', issues: failed.flatMap((t) => t.error?.fields ?? []), targets } });
  };

  if (!view) {
    return failure ? <Alert color="red">{failure}</Alert> : <Loader />;
  }
  const created = view.targets.filter((t) => t.state === 'created').length;
  const failed = view.targets.filter((t) => t.state === 'refused').length;
  const unknown = view.targets.filter((t) => t.state === 'unknown').length;
  return (
    <Stack gap="md" data-testid="submission">
      <Group justify="space-between">
        <Group gap="sm">
          <Anchor size="sm" onClick={() => go({ page: 'preheats' })}>
            ← All preheats
          </Anchor>
          <Title order={2}>{view.kind === 'image' ? 'Image' : 'File'} preheat sent</Title>
          {!view.done && <Loader size="sm" />}
        </Group>
        <Group gap="xs">
          {failed > 0 && view.done && (
            <Button variant="light" onClick={() => backToForm(true)}>
              Send again to the {failed === 1 ? 'failed target' : `${failed} failed targets`}
            </Button>
          )}
          <Button variant="default" onClick={() => backToForm(false)}>
            Back to the form
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {dateTime(view.createdAt)} · {view.description || 'no description'} · {view.urls.join(', ')}
      </Text>
      {view.done && (
        <Alert color={failed ? (created ? 'orange' : 'red') : 'teal'} variant="light" data-testid="submission-summary">
          {created} of {view.targets.length} manager{view.targets.length === 1 ? '' : 's'} created the preheat
          {failed ? `; ${failed} refused it (see below)` : ''}
          {unknown ? `; for ${unknown}, no job was found after the answer was lost: check before sending again` : ''}.
        </Alert>
      )}
      {actionError && (
        <Alert color="red" variant="light" data-testid="submission-action-error">
          {actionError}
        </Alert>
      )}
      <Paper withBorder>
        <Table verticalSpacing="sm" data-testid="submission-targets">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Manager</Table.Th>
              <Table.Th>Clusters</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>What happened</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.targets.map((t) => (
              <Table.Tr key={t.managerId} data-testid={`submission-target-${t.managerName}`} data-state={t.state}>
                <Table.Td fw={600}>{t.managerName}</Table.Td>
                <Table.Td>{t.clusters.map((c) => `${c.name ?? 'cluster'} #${c.id}`).join(', ')}</Table.Td>
                <Table.Td>
                  <Badge color={STATE[t.state].color} variant="light">
                    {STATE[t.state].label}
                  </Badge>
                  {t.jobId !== null && (
                    <Anchor ml="xs" size="sm" onClick={() => go({ page: 'job', managerId: t.managerId, jobId: t.jobId! })} data-testid="created-job">
                      job #{t.jobId}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  {t.error ? (
                    <Text size="sm" c="red" data-testid="target-error">
                      {t.error.message}
                    </Text>
                  ) : (
                    <Text size="sm">{t.log.at(-1)?.text}</Text>
                  )}
                  {t.waiting && t.state === 'queued' && (
                    <Text size="sm" c="dimmed" data-testid="target-waiting">
                      Waiting: {t.waiting}
                    </Text>
                  )}
                  {t.candidates.length > 0 && (
                    <Text size="sm" data-testid="target-candidates">
                      Look-alike jobs on {t.managerName}:{' '}
                      {t.candidates.map((c) => (
                        <Anchor key={c.jobId} size="sm" mr="xs" onClick={() => go({ page: 'job', managerId: t.managerId, jobId: c.jobId })}>
                          #{c.jobId} ({dateTime(c.createdAt)})
                        </Anchor>
                      ))}
                    </Text>
                  )}
                  {(t.state === 'queued' || t.state === 'unknown' || t.state === 'refused') && (
                    <Group gap="xs" mt={4}>
                      <Button size="compact-xs" variant="light" onClick={() => void act('retry', t.managerId)} data-testid="target-retry">
                        {t.state === 'queued' ? 'Send now' : 'Send again'}
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void act('cancel', t.managerId)} data-testid="target-cancel">
                        Cancel
                      </Button>
                    </Group>
                  )}
                  <Text size="xs" c="dimmed">
                    {t.attempts} attempt{t.attempts === 1 ? '' : 's'}
                    {t.rateLimited ? ` · rate limited ${t.rateLimited}×` : ''}
                  </Text>
                  {t.log.length > 1 && (
                    <details>
                      <summary style={{ cursor: 'pointer', fontSize: 12 }}>Every step</summary>
                      {t.log.map((l, i) => (
                        <Text key={i} size="xs" c="dimmed">
                          {dateTime(l.at)} {l.text}
                        </Text>
                      ))}
                    </details>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
