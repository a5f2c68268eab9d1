import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSecrets } from './secrets-store';

/**
 * Said wherever credentials are entered or listed, whenever they are not in the OS keychain: why, and
 * what can be done (move them into the keychain once it works, or opt in to the unencrypted file).
 */
export function CredentialsNotice() {
  const { status, busy, error, load, recheck, use } = useSecrets();
  const [confirmFile, setConfirmFile] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);
  if (!status?.notice) return null;
  return (
    <Alert color={status.mode === 'file' ? 'orange' : 'yellow'} variant="light" title="Credentials are not in an OS keychain" data-testid="credentials-notice">
      <Stack gap="xs">
        <Text size="sm">{status.notice}</Text>
        {error && (
          <Text size="sm" c="red" data-testid="credentials-error">
            {error}
          </Text>
        )}
        {status.preference !== 'memory' && (
          <Group gap="xs">
            {status.canMoveToKeychain ? (
              <Button size="xs" loading={busy} onClick={() => void use('keychain')} data-testid="credentials-move-to-keychain">
                Move them into the OS keychain
              </Button>
            ) : (
              <Button size="xs" variant="default" loading={busy} onClick={() => void recheck()} data-testid="credentials-recheck">
                Check the OS keychain again
              </Button>
            )}
            {status.mode === 'memory' && (
              <Button size="xs" variant="subtle" color="orange" onClick={() => setConfirmFile(true)} data-testid="credentials-use-file">
                Keep them in a file instead (not encrypted)
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <Modal opened={confirmFile} onClose={() => setConfirmFile(false)} title="Keep credentials in a file that is not encrypted?">
        <Text size="sm" mb="md">
          Passwords and tokens will be written to secrets.json in the data folder, readable by your user only, but not encrypted: anyone who can read your
          files can use them. They survive a restart. When an OS keychain can be used again, you will be offered to move them there and delete the file.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmFile(false)}>
            Cancel
          </Button>
          <Button
            color="orange"
            loading={busy}
            data-testid="credentials-use-file-confirm"
            onClick={async () => {
              if (await use('file')) setConfirmFile(false);
            }}
          >
            Use the unencrypted file
          </Button>
        </Group>
      </Modal>
    </Alert>
  );
}
