import { Alert, Button, Code, CopyButton, Group, Paper, ScrollArea, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useCreatePreheat } from './create-store';

/** The exact JSON each target manager will receive (secrets masked), refreshed as the form changes. */
export function PreviewPanel() {
  const spec = useCreatePreheat((s) => s.spec);
  const preview = useCreatePreheat((s) => s.preview);
  const failure = useCreatePreheat((s) => s.previewError);
  const loadPreview = useCreatePreheat((s) => s.loadPreview);
  const passwordGiven = useCreatePreheat((s) => s.registryPassword !== '');

  // Asked once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => void loadPreview(), 250);
    return () => clearTimeout(timer);
  }, [spec, passwordGiven, loadPreview]);

  return (
    <Paper withBorder p="md" style={{ flex: 2, minWidth: 0, position: 'sticky', top: 60 }} data-testid="preview">
      <Title order={4} mb="xs">
        Preview
      </Title>
      {failure && <Alert color="red">{failure}</Alert>}
      {preview && preview.requests.length === 0 && (
        <Text size="sm" c="dimmed">
          Pick clusters to see the request each manager will receive.
        </Text>
      )}
      {preview?.warnings.map((w) => (
        <Alert key={w.path + w.message} color="orange" variant="light" mb="xs">
          {w.message}
        </Alert>
      ))}
      {preview && preview.requests.length > 0 && (
        <Tabs defaultValue={preview.requests[0]!.managerId} keepMounted={false}>
          <Tabs.List>
            {preview.requests.map((r) => (
              <Tabs.Tab key={r.managerId} value={r.managerId}>
                {r.managerName}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {preview.requests.map((r) => (
            <Tabs.Panel key={r.managerId} value={r.managerId} pt="xs">
              <Stack gap="xs">
                <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {r.method} {r.url}
                </Text>
                <ScrollArea.Autosize mah={420}>
                  <Code block data-testid={`preview-body-${r.managerName}`}>
                    {r.body}
                  </Code>
                </ScrollArea.Autosize>
                <Group gap="xs">
                  <CopyButton value={r.body}>
                    {({ copied, copy }) => (
                      <Button size="xs" variant="default" onClick={copy}>
                        {copied ? 'Copied' : 'Copy JSON'}
                      </Button>
                    )}
                  </CopyButton>
                  <CopyButton value={r.curl}>
                    {({ copied, copy }) => (
                      <Button size="xs" variant="default" onClick={copy} title="Uses $TOKEN for the login; secrets as $REGISTRY_PASSWORD / $HEADER_…">
                        {copied ? 'Copied' : 'Copy as curl'}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Paper>
  );
}
