import { Alert, Loader, Group, Text } from '@mantine/core';
import type { FindState } from './find-state';

/** What asking the managers for a job id the list had not loaded found. */
export function FindNotice({ find }: { find: FindState }) {
  if (find.asking) {
    return (
      <Group gap="xs" data-testid="find-result">
        <Loader size="xs" />
        <Text size="sm">Job #{find.jobId} is not loaded: asking the managers…</Text>
      </Group>
    );
  }
  if (find.error) {
    return (
      <Alert color="red" data-testid="find-result">
        Could not ask the managers for job #{find.jobId}: {find.error}
      </Alert>
    );
  }
  // Found: the list shows it now.
  if (find.found > 0) return null;
  return (
    <Alert color="gray" data-testid="find-result" title={`No manager has job #${find.jobId}`}>
      {find.missing.map((m) => (
        <Text size="sm" key={m.managerName}>
          {m.reason}
        </Text>
      ))}
    </Alert>
  );
}
