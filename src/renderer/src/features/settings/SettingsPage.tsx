import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Settings } from '@shared/models';
import { transport, call } from '@renderer/transport/api';
import { useNow } from '@renderer/lib/use-now';
import { CredentialsSettings } from '../credentials/CredentialsSettings';
import { useNotifications } from '../notifications/notifications-store';

type Patch = Partial<Omit<Settings, 'version' | 'secretStorage'>>;

export function SettingsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [days, setDays] = useState<number | string>('');
  const [mb, setMb] = useState<number | string>('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { view, pause } = useNotifications();
  const now = useNow();

  useEffect(() => {
    void call('settings.get', {}).then((r) => {
      if (!r.ok) return setError(r.message);
      setSettings(r.value);
      setDays(r.value.historyRetentionDays);
      setMb(r.value.historyMaxMB);
    });
  }, []);

  const update = async (patch: Patch) => {
    setSaved(false);
    // Switches flip at once; a refusal puts them back and says why.
    const before = settings;
    setSettings((s) => s && { ...s, ...patch });
    const r = await call('settings.update', patch);
    if (!r.ok) {
      setSettings(before);
      return setError(r.message);
    }
    setError(null);
    setSettings(r.value);
    setSaved(true);
  };

  if (!settings) return error ? <Alert color="red">{error}</Alert> : null;

  const paused = view.pausedUntil !== null && Date.parse(view.pausedUntil) > now;
  const historyDirty = Number(days) !== settings.historyRetentionDays || Number(mb) !== settings.historyMaxMB;

  return (
    <Stack maw={720}>
      <Title order={2}>Settings</Title>
      {error && (
        <Alert color="red" data-testid="settings-error">
          {error}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          Notifications
        </Title>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            A preheat that fails, times out or sticks on any manager raises one notification; a burst of failures on one manager is grouped into one.
          </Text>
          <Switch
            label="Also notify when a preheat partly fails"
            description="Some peers failed while others succeeded. Off: these appear in the failure log only."
            checked={settings.notifyPartial}
            onChange={(e) => void update({ notifyPartial: e.currentTarget.checked })}
            data-testid="setting-notify-partial"
          />
          <Group gap="xs">
            {paused ? (
              <>
                <Text size="sm">Paused until {new Date(view.pausedUntil!).toLocaleTimeString()}.</Text>
                <Button size="xs" variant="light" onClick={() => void pause(0)}>
                  Resume now
                </Button>
              </>
            ) : (
              <Button size="xs" variant="default" onClick={() => void pause(60)}>
                Pause notifications for 1 hour
              </Button>
            )}
          </Group>
          {transport.kind === 'electron' && (
            <Switch
              label="Keep running in the tray when the window closes"
              description="The watcher keeps checking every manager, and failures still notify. Quit from the tray menu."
              checked={settings.closeToTray}
              onChange={(e) => void update({ closeToTray: e.currentTarget.checked })}
            />
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          Job history
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Finished jobs are kept on this computer, so a job the manager garbage-collected (after 6 hours) still opens with its peers and errors. The oldest
          jobs go first when either limit is reached.
        </Text>
        <Group align="flex-end">
          <NumberInput label="Keep jobs for (days)" min={1} max={3650} value={days} onChange={setDays} w={180} allowDecimal={false} data-testid="setting-retention" />
          <NumberInput label="At most (MB on disk)" min={10} max={100000} value={mb} onChange={setMb} w={180} allowDecimal={false} />
          <Button disabled={!historyDirty} onClick={() => void update({ historyRetentionDays: Number(days), historyMaxMB: Number(mb) })} data-testid="setting-history-save">
            Save
          </Button>
        </Group>
      </Paper>
      <CredentialsSettings />
      {saved && !error && (
        <Text size="sm" c="teal" data-testid="settings-saved">
          Saved.
        </Text>
      )}
    </Stack>
  );
}
