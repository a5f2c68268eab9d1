import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { JobActionResult, JobRef } from '@shared/models';

interface Props {
  refs: JobRef[] | null;
  /** How a job is named in the question, e.g. "#42 on prod-eu". */
  label(ref: JobRef): string;
  remove(refs: JobRef[]): Promise<JobActionResult | string>;
  onClose(result: JobActionResult | null): void;
}

/**
 * The confirmation of a delete, saying what it does: the managers' records go, nothing cached on peers
 * is removed. Refusals stay on screen, each in the manager's words.
 */
export function DeleteJobsDialog({ refs, label, remove, onClose }: Props) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<JobActionResult | string | null>(null);
  const n = refs?.length ?? 0;
  const close = () => {
    const result = typeof outcome === 'object' ? outcome : null;
    setOutcome(null);
    onClose(result);
  };
  const confirm = async () => {
    if (!refs) return;
    setBusy(true);
    const result = await remove(refs);
    setBusy(false);
    if (typeof result === 'object' && result.refused.length === 0) {
      setOutcome(null);
      return onClose(result);
    }
    setOutcome(result);
  };
  return (
    <Modal opened={refs !== null} onClose={close} title={n === 1 ? `Delete preheat ${label(refs![0]!)}?` : `Delete ${n} preheats?`} data-testid="delete-dialog">
      <Stack gap="sm">
        <Text size="sm">
          The {n === 1 ? "manager's record of this job is" : "managers' records of these jobs are"} deleted, with {n === 1 ? 'its' : 'their'} error log and
          per-peer results. Nothing already cached on peers is removed, and work the schedulers have queued is not cancelled. This cannot be undone.
        </Text>
        {n > 1 && n <= 10 && (
          <List size="sm">
            {refs!.map((r) => (
              <List.Item key={`${r.managerId}:${r.jobId}`}>{label(r)}</List.Item>
            ))}
          </List>
        )}
        {typeof outcome === 'string' && <Alert color="red">{outcome}</Alert>}
        {outcome && typeof outcome === 'object' && (
          <Alert color="red" title={`${outcome.done.length} deleted, ${outcome.refused.length} refused`} data-testid="delete-refused">
            <Stack gap={4}>
              {outcome.refused.map((r) => (
                <Text size="sm" key={`${r.managerId}:${r.jobId}`}>
                  #{r.jobId} on {r.managerName}: {r.message}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {outcome ? 'Close' : 'Cancel'}
          </Button>
          {!outcome && (
            <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="confirm-delete">
              Delete {n === 1 ? 'preheat' : `${n} preheats`}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
