import { Alert, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ManagerView } from '@shared/models';
import { MuteMenu } from '../notifications/MuteMenu';
import { CredentialsNotice } from '../credentials/CredentialsNotice';
import { keptLabel } from '../credentials/kept-label';
import { ConnectionReportView } from './ConnectionReportView';
import { ManagerForm } from './ManagerForm';
import { useManagers } from './managers-store';

function authLine(m: ManagerView): string {
  if (m.auth.kind === 'pat') {
    if (!m.auth.hasToken) return 'Personal access token missing: edit to enter it';
    return `Personal access token set${m.auth.tokenExpiresAt ? `; expires ${m.auth.tokenExpiresAt.slice(0, 10)}` : ''}`;
  }
  const session = m.auth.session ? `; session valid until ${new Date(m.auth.session.expiresAt).toLocaleString()}` : '';
  return `${m.auth.username} with password${m.auth.hasPassword ? '' : ' (missing: edit to enter it)'}${session}`;
}

function ManagerCard({ m, onEdit }: { m: ManagerView; onEdit(): void }) {
  const [testing, setTesting] = useState(false);
  /** The removal dialog, with how many kept jobs go too (null: not asked yet). */
  const [confirm, setConfirm] = useState<{ keptJobs: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const r = m.lastReport;
  const watch = useManagers((s) => s.watch.find((w) => w.managerId === m.id));
  const test = useManagers((s) => s.test);
  const remove = useManagers((s) => s.remove);
  const removalImpact = useManagers((s) => s.removalImpact);
  const healthy = r ? r.reachable.ok && (r.credentials?.ok ?? false) : null;
  return (
    <Card withBorder padding="md" data-testid={`manager-card-${m.name}`}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Text fw={600}>{m.name}</Text>
          <Badge variant="light" color={healthy === null ? 'gray' : healthy ? 'teal' : 'red'}>
            {healthy === null ? 'not checked' : healthy ? 'connected' : 'problem'}
          </Badge>
          {keptLabel(m.secretKept) && (
            <Badge color="orange" variant="light" data-testid="manager-secret-kept">
              {m.auth.kind === 'pat' ? 'token' : 'password'} {keptLabel(m.secretKept)}
            </Badge>
          )}
          {m.skipTlsVerify && (
            <Badge color="red" variant="filled">
              TLS unverified
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          <MuteMenu managerId={m.id} managerName={m.name} />
          <Button
            size="xs"
            variant="light"
            loading={testing}
            onClick={async () => {
              setTesting(true);
              const res = await test(m.id);
              setTesting(false);
              setError(res.ok ? null : res.message);
            }}
          >
            Test
          </Button>
          <Button size="xs" variant="default" onClick={onEdit}>
            Edit
          </Button>
          <Button
            size="xs"
            color="red"
            variant="subtle"
            onClick={async () => {
              setConfirm({ keptJobs: null });
              const res = await removalImpact(m.id);
              setConfirm((c) => c && { keptJobs: res.ok ? res.value.keptJobs : null });
            }}
          >
            Remove
          </Button>
        </Group>
      </Group>
      <Text size="sm" ff="monospace">
        {m.baseUrl}
      </Text>
      <Text size="sm" c="dimmed">
        {authLine(m)}
      </Text>
      {m.caCertPath && (
        <Text size="xs" c="dimmed">
          Extra CA: {m.caCertPath}
        </Text>
      )}
      <Stack mt="sm">
        {watch?.warnings.map((w) => (
          <Alert key={w} color="orange" variant="light" data-testid="watch-warning">
            {w}
          </Alert>
        ))}
        {watch && !watch.ok && watch.error && (
          <Alert color="red" variant="light" title="Background watch" data-testid="watch-error">
            {watch.error}
          </Alert>
        )}
        {r ? <ConnectionReportView report={r} /> : <Text size="sm">Not tested yet.</Text>}
        {error && (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        )}
      </Stack>
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={`Remove ${m.name}?`}>
        <Text size="sm" mb="xs">
          Its credentials are deleted from where they are kept. Jobs on the manager itself are not touched.
        </Text>
        <Text size="sm" mb="md" data-testid="removal-history">
          {confirm?.keptJobs === null || confirm === null
            ? 'Counting the jobs kept on this computer…'
            : confirm.keptJobs === 0
              ? 'Dragonfly Desk keeps no job history of it.'
              : `Its history on this computer goes too: ${confirm.keptJobs} job${confirm.keptJobs === 1 ? '' : 's'}, with their peers and errors, which no longer open once the manager has garbage-collected them.`}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirm(null)}>
            Cancel
          </Button>
          <Button
            color="red"
            data-testid="removal-confirm"
            onClick={async () => {
              const res = await remove(m.id);
              setConfirm(null);
              if (!res.ok) setError(res.message);
            }}
          >
            Remove
          </Button>
        </Group>
      </Modal>
    </Card>
  );
}

export function ManagersPage() {
  const { managers, loaded, error } = useManagers();
  const [editing, setEditing] = useState<ManagerView | 'new' | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">Managers</Title>
        <Button onClick={() => setEditing('new')}>Add manager</Button>
      </Group>
      <CredentialsNotice />
      {error && <Alert color="red">{error}</Alert>}
      {loaded && managers.length === 0 && (
        <Alert variant="light" title="No managers yet">
          Add a Dragonfly manager with its base URL and a login (username and password, or a personal access token). Credentials stay in
          the back end, in the OS keychain where there is one.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {managers.map((m) => (
          <ManagerCard key={m.id} m={m} onEdit={() => setEditing(m)} />
        ))}
      </SimpleGrid>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'Add manager' : editing ? `Edit ${editing.name}` : ''}
        size="lg"
        closeOnClickOutside={false}
      >
        {editing !== null && (
          <ManagerForm existing={editing === 'new' ? null : editing} onSaved={() => setEditing(null)} onCancel={() => setEditing(null)} />
        )}
      </Modal>
    </Stack>
  );
}
