import { Badge, Group, Tooltip } from '@mantine/core';
import type { JobStatus } from '@shared/models';

export const STATUS_LABEL: Record<JobStatus, string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  partial: 'Partially succeeded',
  unconfirmed: 'No peer confirmed',
  failed: 'Failed',
  timed_out: 'Timed out',
  unknown: 'Unknown',
};

const COLOR: Record<JobStatus, string> = {
  pending: 'yellow',
  succeeded: 'teal',
  partial: 'orange',
  unconfirmed: 'yellow',
  failed: 'red',
  timed_out: 'grape',
  unknown: 'gray',
};

const HELP: Record<JobStatus, string> = {
  pending: 'The manager has not recorded an outcome yet.',
  succeeded: 'Every targeted peer reported success.',
  partial: 'The manager says SUCCESS, but some peers failed: see the per-peer results.',
  unconfirmed: 'The manager says SUCCESS, but no peer reported having the content: nothing was preheated. With the single seed peer scope the scheduler hides per-URL errors (an unreachable URL ends this way).',
  failed: 'At least one cluster failed; the error log says why.',
  timed_out: 'The manager gave up after ~62 minutes without any scheduler reporting back (no error text).',
  unknown: 'The manager reported a state this app does not know.',
};

export function StatusBadge({ status, stuck, gone }: { status: JobStatus; stuck?: boolean; gone?: boolean }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={HELP[status]} withinPortal>
        <Badge color={COLOR[status]} variant="light" data-status={status}>
          {STATUS_LABEL[status]}
        </Badge>
      </Tooltip>
      {stuck && (
        <Tooltip label="Pending for more than 65 minutes: the manager stopped watching it (restart?)" withinPortal>
          <Badge color="red" variant="outline">
            stuck
          </Badge>
        </Tooltip>
      )}
      {gone && (
        <Tooltip label="The manager no longer has this job (deleted or garbage-collected)" withinPortal>
          <Badge color="gray" variant="outline">
            gone
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
