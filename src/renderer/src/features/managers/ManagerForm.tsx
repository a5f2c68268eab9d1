import { Alert, Button, Group, PasswordInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ConnectionReport, ManagerInput, ManagerView } from '@shared/models';
import type { Failure } from '@shared/result';
import { secretRetypeReason } from '@shared/secret-binding';
import { keptLabel } from '../credentials/kept-label';
import { ConnectionReportView } from './ConnectionReportView';
import { useManagers } from './managers-store';

interface Props {
  existing: ManagerView | null;
  onSaved(view: ManagerView): void;
  onCancel(): void;
}

type FieldErrors = Record<string, string>;

function fieldErrors(f: Failure): FieldErrors {
  const out: FieldErrors = {};
  const fields = (f.details?.fields ?? []) as { path?: string; field?: string; message?: string }[];
  for (const x of fields) {
    const path = (x.path ?? x.field ?? '').replace(/^input\./, '');
    if (path && !out[path]) out[path] = x.message ?? f.message;
  }
  const single = f.details?.field;
  if (typeof single === 'string' && !out[single]) out[single] = f.message;
  return out;
}

/**
 * Add or edit a manager. Secrets are write-only: on edit the fields start empty and leaving them
 * empty keeps what the keychain holds. Nothing typed is lost when a test or save fails.
 */
export function ManagerForm({ existing, onSaved, onCancel }: Props) {
  const [name, setName] = useState(existing?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(existing?.baseUrl ?? '');
  const [kind, setKind] = useState<'password' | 'pat'>(existing?.auth.kind ?? 'password');
  const [username, setUsername] = useState(existing?.auth.kind === 'password' ? existing.auth.username : 'root');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [tokenExpires, setTokenExpires] = useState(existing?.auth.kind === 'pat' ? (existing.auth.tokenExpiresAt?.slice(0, 10) ?? '') : '');
  const [caCertPath, setCaCertPath] = useState(existing?.caCertPath ?? '');
  const [skipTls, setSkipTls] = useState(existing?.skipTlsVerify ?? false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const testConnection = useManagers((s) => s.test);
  const saveManager = useManagers((s) => s.save);

  // A stored secret is bound to its address, login and user: change one and it must be typed again.
  const retype = existing ? secretRetypeReason(existing, { baseUrl, auth: kind === 'password' ? { kind, username } : { kind } }) : null;
  const keepsSecret = existing !== null && retype === null;
  const unchanged = `unchanged (${keptLabel(existing?.secretKept ?? null) ?? 'kept in the OS keychain'})`;
  const input = (): ManagerInput => ({
    name,
    baseUrl,
    auth:
      kind === 'password'
        ? // Left empty on an edit, nothing is sent: the back end keeps the stored one or, where it may not, says why on the field.
          { kind, username, ...(password || !existing ? { password } : {}) }
        : { kind, ...(token || !existing ? { token } : {}), tokenExpiresAt: tokenExpires ? `${tokenExpires}T23:59:59Z` : null },
    caCertPath: caCertPath.trim() ? caCertPath.trim() : null,
    skipTlsVerify: skipTls,
  });

  const showFailure = (f: Failure) => {
    const fe = fieldErrors(f);
    setErrors(fe);
    setFormError(Object.keys(fe).length ? null : f.message);
  };

  const test = async () => {
    setBusy('test');
    setErrors({});
    setFormError(null);
    setReport(null);
    const res = await testConnection(existing?.id ?? null, input());
    setBusy(null);
    if (res.ok) setReport(res.value);
    else showFailure(res);
  };

  const save = async () => {
    setBusy('save');
    setErrors({});
    setFormError(null);
    const res = await saveManager(existing?.id ?? null, input());
    setBusy(null);
    if (res.ok) onSaved(res.value);
    else showFailure(res);
  };

  const err = (path: string) => errors[path];

  return (
    <Stack gap="sm">
      <TextInput label="Display name" placeholder="prod-eu" value={name} onChange={(e) => setName(e.currentTarget.value)} error={err('name')} data-autofocus />
      <TextInput
        label="Base URL"
        description="The manager's REST address, e.g. http://dragonfly-manager.example.com:8080"
        placeholder="http://manager.example.com:8080"
        value={baseUrl}
        onChange={(e) => setBaseUrl(e.currentTarget.value)}
        error={err('baseUrl')}
      />
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(v as 'password' | 'pat')}
        data={[
          { value: 'password', label: 'Username and password' },
          { value: 'pat', label: 'Personal access token' },
        ]}
      />
      {kind === 'password' ? (
        <>
          <Text size="xs" c="dimmed">
            Signs in at /api/v1/users/signin and keeps the session refreshed. Guests can read; creating preheats needs the root role.
          </Text>
          <Group grow align="flex-start">
            <TextInput label="Username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} error={err('auth.username')} />
            <PasswordInput
              label="Password"
              placeholder={keepsSecret ? unchanged : ''}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              description={retype && !password ? retype : undefined}
              error={err('auth.password')}
              autoComplete="new-password"
            />
          </Group>
        </>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            A personal access token reaches the open API only: jobs and clusters. Schedulers and seed peers stay hidden.
          </Text>
          <PasswordInput
            label="Personal access token"
            placeholder={keepsSecret ? unchanged : 'from Developer → Tokens in the console'}
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
            description={retype && !token ? retype : undefined}
            error={err('auth.token')}
            autoComplete="off"
          />
          <TextInput
            type="date"
            label="Token expires (optional)"
            description="The console shows it when the token is made. The token counts as valid to the end of that day (UTC); Dragonfly Desk warns a week ahead."
            value={tokenExpires}
            onChange={(e) => setTokenExpires(e.currentTarget.value)}
            error={err('auth.tokenExpiresAt')}
            w={260}
            data-testid="token-expires"
          />
        </>
      )}
      <TextInput
        label="CA certificate file (optional)"
        description="PEM file of a private CA that signed this manager's certificate"
        placeholder="/etc/ssl/private-ca.pem"
        value={caCertPath}
        onChange={(e) => setCaCertPath(e.currentTarget.value)}
        error={err('caCertPath')}
      />
      <Switch
        color="red"
        label="Skip TLS verification (unsafe)"
        description="Anyone between you and the manager could read the credentials. Prefer a CA certificate."
        checked={skipTls}
        onChange={(e) => setSkipTls(e.currentTarget.checked)}
      />
      {skipTls && (
        <Alert color="red" variant="light" title="TLS verification is off">
          Certificates of this manager will not be checked.
        </Alert>
      )}
      {formError && (
        <Alert color="red" variant="light" data-testid="manager-form-error">
          {formError}
        </Alert>
      )}
      {report && <ConnectionReportView report={report} />}
      <Group justify="space-between">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Group>
          <Button variant="light" loading={busy === 'test'} disabled={busy !== null} onClick={() => void test()}>
            Test connection
          </Button>
          <Button loading={busy === 'save'} disabled={busy !== null} onClick={() => void save()}>
            {existing ? 'Save changes' : 'Add manager'}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
