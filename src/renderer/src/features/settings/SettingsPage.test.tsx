import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '@shared/models';
import { SettingsPage } from './SettingsPage';

const call = vi.fn();
// The desktop app: the only place with a tray and a login item.
vi.mock('@renderer/transport/api', () => ({ call: (...args: unknown[]) => call(...args), transport: { kind: 'electron', on: () => () => undefined } }));

const settings: Settings = {
  version: 1,
  notifyPartial: true,
  pausedUntil: null,
  closeToTray: false,
  historyRetentionDays: 30,
  historyMaxMB: 200,
  secretStorage: 'keychain',
  openDraftId: null,
  mutedManagers: {},
  colorScheme: 'auto',
  startAtLogin: false,
};

beforeEach(() => {
  call.mockReset();
  call.mockImplementation(async (name: string, input: Partial<Settings>) => {
    if (name === 'settings.get') return { ok: true, value: settings };
    if (name === 'settings.update') return { ok: true, value: { ...settings, ...input } };
    return { ok: false, code: 'unavailable', message: `${name} is not part of this test` };
  });
});

describe('Settings → Start at login (desktop)', () => {
  it('is off by default, and turning it on asks the back end to start the app at login', async () => {
    render(
      <MantineProvider env="test">
        <SettingsPage />
      </MantineProvider>,
    );
    const toggle = await screen.findByRole('switch', { name: /start at login/i });
    expect(toggle).not.toBeChecked();
    await userEvent.setup().click(toggle);
    await waitFor(() => expect(call).toHaveBeenCalledWith('settings.update', { startAtLogin: true }));
    expect(toggle).toBeChecked();
  });
});
