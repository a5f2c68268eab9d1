import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { SubmissionTarget } from '@shared/models';
import { dateTime } from '@renderer/lib/format';
import { useRoute } from '@renderer/app/route';
import { useSubmission } from './submission-store';

const STATE: Record<SubmissionTarget['state'], { label: string; color: string }> = {
  queued: { label: 'waiting', color: 'gray' },
  sending: { label: 'sending', color: 'blue' },
  rate_limited: { label: 'rate limited, retrying', color: 'yellow' },
  reconciling: { label: 'checking the manager', color: 'grape' },
  created: { label: 'created', color: 'teal' },
  failed: { label: 'failed', color: 'red' },
};

/** What happened to each target of one submission, live. */
export function SubmissionPage({ id }: { id: string }) {
  const go = useRoute((s) => s.go);
  const { view, failure, watch } = useSubmission();

  useEffect(() => watch(id), [watch, id]);

  /** Back to the form, with what the managers refused on its fields, and optionally only the failed targets. */
  const backToForm = (onlyFailed: boolean) => {
    const failed = view?.targets.filter((t) => t.state === 'failed') ?? [];
    const targets = onlyFailed ? failed.map((t) => ({ managerId: t.managerId, clusterIds: t.clusters.map((c) => c.id) })) : null;
    go({ page: 'new', intent: { kind: 'resubmit', issues: failed.flatMap((t) => t.error?.fields ?? []), targets } });
  };

  if (!view) {
    return failure ? <Alert color="red">{failure}</Alert> : <Loader />;
  }
  const created = view.targets.filter((t) => t.state === 'created').length;
  const failed = view.targets.filter((t) => t.state === 'failed').length;
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
          {failed ? `; ${failed} refused it (see below)` : ''}.
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
