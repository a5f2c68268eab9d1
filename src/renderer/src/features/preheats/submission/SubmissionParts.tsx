import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import type { SubmissionTarget, SubmissionView } from '@shared/models';
import { dateTime } from '@renderer/lib/format';
import { useRoute } from '@renderer/app/route';

const STATE: Record<SubmissionTarget['state'], { label: string; color: string }> = {
  queued: { label: 'queued', color: 'gray' },
  sending: { label: 'sending', color: 'blue' },
  reconciling: { label: 'sent, answer unknown', color: 'grape' },
  created: { label: 'created', color: 'teal' },
  refused: { label: 'refused', color: 'red' },
  unknown: { label: 'unknown: check before sending again', color: 'orange' },
  cancelled: { label: 'cancelled', color: 'gray' },
};

/**
 * Each target manager's part of one submission: its state, its job (linked), the manager's refusal, why
 * it waits, look-alike jobs, and Send now / Send again and Cancel.
 */
export function SubmissionParts({ view, onAct }: { view: SubmissionView; onAct(action: 'retry' | 'cancel', managerId: string): void }) {
  const go = useRoute((s) => s.go);
  return (
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
              ) : t.waiting && t.state === 'queued' ? (
                // The last step says the same; why it waits is what matters now.
                <Text size="sm" data-testid="target-waiting">
                  Waiting: {t.waiting}
                </Text>
              ) : (
                <Text size="sm">{t.log.at(-1)?.text}</Text>
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
                  <Button size="compact-xs" variant="light" onClick={() => onAct('retry', t.managerId)} data-testid="target-retry">
                    {t.state === 'queued' ? 'Send now' : 'Send again'}
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onAct('cancel', t.managerId)} data-testid="target-cancel">
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
  );
}
