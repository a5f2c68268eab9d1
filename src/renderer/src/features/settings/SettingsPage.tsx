import { Alert, Button, Group, NumberInput, Paper, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Settings } from '@shared/models';
import { CredentialsSettings } from '../credentials/CredentialsSettings';
import { PauseNotifications } from '../notifications/PauseNotifications';
import { SCHEME_LABELS, useChooseColorScheme } from './color-scheme';
import { onDesktop, useSettings } from './settings-store';

/** Light, dark, or the system's: saved with the other settings, applied at once. */
function LookSettings({ settings }: { settings: Settings }) {
  const choose = useChooseColorScheme();
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        Look
      </Title>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="color-scheme-label">
          Colour scheme
        </Text>
        <SegmentedControl
          aria-labelledby="color-scheme-label"
          value={settings.colorScheme}
          onChange={(v) => choose(v as Settings['colorScheme'])}
          data={(['auto', 'light', 'dark'] as const).map((value) => ({ value, label: SCHEME_LABELS[value] }))}
          w={300}
          data-testid="setting-color-scheme"
        />
        <Text size="xs" c="dimmed">
          Auto follows the system&apos;s light or dark setting. The header&apos;s switch changes the same setting.
        </Text>
      </Stack>
    </Paper>
  );
}

/** How long finished jobs are kept; saved together, with the button. */
function HistorySettings({ settings }: { settings: Settings }) {
  const update = useSettings((s) => s.update);
  const [days, setDays] = useState<number | string>(settings.historyRetentionDays);
  const [mb, setMb] = useState<number | string>(settings.historyMaxMB);
  const dirty = Number(days) !== settings.historyRetentionDays || Number(mb) !== settings.historyMaxMB;
  return (
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
        <Button disabled={!dirty} onClick={() => void update({ historyRetentionDays: Number(days), historyMaxMB: Number(mb) })} data-testid="setting-history-save">
          Save
        </Button>
      </Group>
    </Paper>
  );
}

export function SettingsPage() {
  const { settings, error, saved, open, close, update } = useSettings();

  useEffect(() => {
    void open();
    return close;
  }, [open, close]);

  if (!settings) return error ? <Alert color="red">{error}</Alert> : null;

  return (
    <Stack maw={720}>
      <Title order={1} size="h2">Settings</Title>
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
          <PauseNotifications />
          {onDesktop && (
            <Switch
              label="Keep running in the tray when the window closes"
              description="The watcher keeps checking every manager, and failures still notify. Quit from the tray menu."
              checked={settings.closeToTray}
              onChange={(e) => void update({ closeToTray: e.currentTarget.checked })}
            />
          )}
          {onDesktop && (
            <Switch
              label="Start at login"
              description="The installed app starts in the tray when you log in, so the watch goes on after a restart."
              checked={settings.startAtLogin}
              onChange={(e) => void update({ startAtLogin: e.currentTarget.checked })}
              data-testid="setting-start-at-login"
            />
          )}
        </Stack>
      </Paper>
      <LookSettings settings={settings} />
      <HistorySettings settings={settings} />
      <CredentialsSettings />
      {saved && !error && (
        <Text size="sm" c="teal" data-testid="settings-saved">
          Saved.
        </Text>
      )}
    </Stack>
  );
}
