import { Alert, Button, Group, SegmentedControl, Text } from '@mantine/core';
import { useRoute } from '@renderer/app/route';
import { localIssues, useCreatePreheat } from './create-store';

/** Why the form cannot be sent, or why it was refused, and the button that sends it to every target. */
export function SubmitBar() {
  const targets = useCreatePreheat((s) => s.spec.targets);
  const local = useCreatePreheat(localIssues);
  const submitError = useCreatePreheat((s) => s.submitError);
  const busy = useCreatePreheat((s) => s.busy);
  const submit = useCreatePreheat((s) => s.submit);
  const ifUnreachable = useCreatePreheat((s) => s.ifUnreachable);
  const setIfUnreachable = useCreatePreheat((s) => s.setIfUnreachable);
  const go = useRoute((s) => s.go);

  const clusters = targets.reduce((n, t) => n + t.clusterIds.length, 0);
  const managers = targets.filter((t) => t.clusterIds.length).length;
  const send = async () => {
    const id = await submit();
    if (id) go({ page: 'submission', id });
  };

  return (
    <>
      {submitError && (
        <Alert color="red" data-testid="submit-error">
          {submitError}
        </Alert>
      )}
      {local.length > 0 && (
        <Alert color="red" variant="light" data-testid="form-problems">
          {local.length === 1 ? local[0]!.message : `${local.length} fields need a change before this can be sent; each says what is wrong.`}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Text size="sm" c="dimmed">
          If a manager cannot be reached
        </Text>
        <SegmentedControl
          size="xs"
          value={ifUnreachable}
          onChange={(v) => setIfUnreachable(v as 'queue' | 'fail')}
          data={[
            { value: 'queue', label: 'queue until it answers' },
            { value: 'fail', label: 'fail now' },
          ]}
          data-testid="if-unreachable"
        />
        <Button size="md" loading={busy} onClick={() => void send()} data-testid="submit-preheat">
          {clusters ? `Preheat on ${clusters} cluster${clusters === 1 ? '' : 's'} of ${managers} manager${managers === 1 ? '' : 's'}` : 'Preheat'}
        </Button>
      </Group>
    </>
  );
}
