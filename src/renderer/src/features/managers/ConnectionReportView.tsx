import { Badge, Group, List, Stack, Text } from '@mantine/core';
import type { ConnectionReport } from '@shared/models';
import { dateTime } from '@renderer/lib/format';

function Line({ ok, label, text }: { ok: boolean | null; label: string; text: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Badge size="sm" variant="light" color={ok === null ? 'gray' : ok ? 'teal' : 'red'} w={110}>
        {label}
      </Badge>
      <Text size="sm">{text}</Text>
    </Group>
  );
}

/** The outcome of "Test connection", one line per check. */
export function ConnectionReportView({ report }: { report: ConnectionReport }) {
  const g = report.generation;
  return (
    <Stack gap={6} data-testid="connection-report">
      <Line ok={report.reachable.ok} label="Reachable" text={report.reachable.message} />
      {report.credentials && <Line ok={report.credentials.ok} label="Credentials" text={report.credentials.message} />}
      {g && (
        <Line
          ok={g.fullSupport}
          label="API"
          text={`${g.label}${g.fullSupport ? ' (fully supported)' : ' (limited support)'}${g.evidence.length ? `: ${g.evidence.join('; ')}` : ''}`}
        />
      )}
      {g?.warnings.length ? (
        <List size="xs" c="orange">
          {g.warnings.map((w) => (
            <List.Item key={w}>{w}</List.Item>
          ))}
        </List>
      ) : null}
      <Text size="xs" c="dimmed">
        Checked {dateTime(report.checkedAt)}
      </Text>
    </Stack>
  );
}
