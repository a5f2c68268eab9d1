import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { dateTime } from '@renderer/lib/format';
import { useRoute } from '@renderer/app/route';
import { SubmissionParts } from './SubmissionParts';
import { useSubmission } from './submission-store';

/** What happened to each target of one submission, live. */
export function SubmissionPage({ id }: { id: string }) {
  const go = useRoute((s) => s.go);
  const { view, failure, actionError, watch, act } = useSubmission();

  useEffect(() => watch(id), [watch, id]);

  if (!view) {
    return failure ? <Alert color="red">{failure}</Alert> : <Loader />;
  }

  /** Back to the form, with what the managers refused on its fields, and optionally only the failed targets. */
  const backToForm = (onlyFailed: boolean) => {
    const failed = view.targets.filter((t) => t.state === 'refused');
    const targets = onlyFailed ? failed.map((t) => ({ managerId: t.managerId, clusterIds: t.clusters.map((c) => c.id) })) : null;
    go({ page: 'new', intent: { kind: 'resubmit', submission: view.id, issues: failed.flatMap((t) => t.error?.fields ?? []), targets } });
  };
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
          <Title order={1} size="h2">{view.kind === 'image' ? 'Image' : 'File'} preheat sent</Title>
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
        <SubmissionParts view={view} onAct={(action, managerId) => void act(action, managerId)} />
      </Paper>
    </Stack>
  );
}
