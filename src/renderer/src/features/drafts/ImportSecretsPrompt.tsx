import { Alert, Button, Group, List, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SecretsRequest } from './drafts-store';

/**
 * A spec file leaves secret header values out: ask for each before the file is imported. The values go
 * to the back end once, which keeps them with the credentials, never in a draft's file.
 */
export function ImportSecretsPrompt({ request, onGive }: { request: SecretsRequest | null; onGive(values: Record<string, string> | null): void }) {
  return (
    <Modal opened={request !== null} onClose={() => onGive(null)} title="Secret header values" size="lg">
      {request && <SecretsForm key={`${request.fileName}:${request.headers.join()}`} request={request} onGive={onGive} />}
    </Modal>
  );
}

function SecretsForm({ request, onGive }: { request: SecretsRequest; onGive(values: Record<string, string> | null): void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [attempted, setAttempted] = useState(false);
  const n = request.headers.length;

  const give = () => {
    setAttempted(true);
    if (request.headers.every((h) => values[h])) onGive(Object.fromEntries(request.headers.map((h) => [h, values[h]!])));
  };

  return (
    <Stack gap="sm" data-testid="import-secrets">
      <Text size="sm">
        <b>{request.fileName}</b> leaves out the value of {n === 1 ? 'a secret header' : `${n} secret headers`}, as every spec file does. Type{' '}
        {n === 1 ? 'it' : 'each'} to import the file; {n === 1 ? 'it is' : 'they are'} kept with the managers' credentials (the OS keychain where there
        is one).
      </Text>
      {request.warnings.length > 0 && (
        <Alert color="orange" variant="light" title="Not matched here" data-testid="import-secrets-warnings">
          <List size="sm">
            {request.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {request.headers.map((h, i) => (
        <PasswordInput
          key={h}
          label={h}
          value={values[h] ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setValues((v) => ({ ...v, [h]: value }));
          }}
          error={attempted && !values[h] ? `Type the value of ${h}` : undefined}
          autoComplete="off"
          data-autofocus={i === 0 || undefined}
        />
      ))}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => onGive(null)}>
          Skip this file
        </Button>
        <Button onClick={give} data-testid="import-secrets-give">
          Import
        </Button>
      </Group>
    </Stack>
  );
}
