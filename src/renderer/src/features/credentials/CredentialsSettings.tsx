import { Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { CredentialsNotice } from './CredentialsNotice';
import { useSecrets } from './secrets-store';

/** Settings → Credentials: the OS keychain, or (opted in) the unencrypted file. */
export function CredentialsSettings() {
  const { status, busy, load, recheck, use } = useSecrets();
  useEffect(() => {
    void load();
  }, [load]);
  if (!status) return null;
  const memoryRun = status.preference === 'memory';
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        Credentials
      </Title>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Manager passwords, tokens and registry passwords never leave the back end. Now kept in: {status.backend}.
        </Text>
        <Radio.Group
          value={status.preference === 'file' ? 'file' : 'keychain'}
          onChange={(v) => void use(v as 'keychain' | 'file')}
          data-testid="setting-secret-storage"
        >
          <Stack gap="xs">
            <Radio
              value="keychain"
              disabled={memoryRun || busy}
              label="The OS keychain"
              description={
                status.keychain.available
                  ? 'Available.'
                  : `Not available${status.keychain.reason ? `: ${status.keychain.reason}` : ''}. Until it is, credentials are kept until Dragonfly Desk quits.`
              }
            />
            <Radio
              value="file"
              disabled={memoryRun || busy}
              label="A file in the data folder (not encrypted)"
              description="secrets.json, readable by your user only. Anyone who can read your files can use what is in it."
            />
          </Stack>
        </Radio.Group>
        {!memoryRun && (
          <Group>
            <Button size="xs" variant="default" loading={busy} onClick={() => void recheck()}>
              Check the OS keychain again
            </Button>
          </Group>
        )}
        <CredentialsNotice />
      </Stack>
    </Paper>
  );
}
