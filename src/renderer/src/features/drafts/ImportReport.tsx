import { Alert, List, Stack, Text } from '@mantine/core';
import { useDrafts } from './drafts-store';

/** What the last import did, file by file: what came in, targets that matched nothing here, or why a file was refused. */
export function ImportReport() {
  const report = useDrafts((s) => s.importReport);
  const dismiss = useDrafts((s) => s.dismissImport);
  if (report.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="import-report">
      {report.map((r) => (
        <Alert
          key={r.fileName}
          color={r.error ? 'red' : r.warnings.length ? 'orange' : 'teal'}
          variant="light"
          withCloseButton
          onClose={dismiss}
          data-testid="import-outcome"
        >
          <Text size="sm" fw={600}>
            {r.error ? `${r.fileName} was not imported` : `${r.fileName}: imported ${r.imported.map((d) => `${d.kind} “${d.name}”`).join(', ')}`}
          </Text>
          {r.error && (
            <Text size="sm" data-testid="import-error">
              {r.error}
            </Text>
          )}
          {r.warnings.length > 0 && (
            <List size="sm" data-testid="import-warnings">
              {r.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      ))}
    </Stack>
  );
}
