import { MantineProvider, useMantineColorScheme } from '@mantine/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useColorSchemeSetting } from './color-scheme';
import { useSettings } from './settings-store';

const call = vi.fn();
let stored: { colorScheme: string };
vi.mock('@renderer/transport/api', () => ({ call: (...args: unknown[]) => call(...args), transport: { kind: 'web', on: () => () => undefined } }));

beforeEach(() => {
  call.mockReset();
  stored = { colorScheme: 'dark' };
  call.mockImplementation(async (name: string, patch: object) => {
    if (name === 'settings.update') stored = { ...stored, ...patch };
    return { ok: true, value: stored };
  });
});

/** A shell that renders again whenever its button is pressed, as the app's does when answers arrive. */
function Shell() {
  const [renders, setRenders] = useState(0);
  useColorSchemeSetting();
  const { colorScheme } = useMantineColorScheme();
  return (
    <button type="button" onClick={() => setRenders(renders + 1)}>
      {colorScheme} {renders}
    </button>
  );
}

/** The shell in light, once the stored dark scheme has arrived. */
async function renderShell() {
  render(
    <MantineProvider env="test" defaultColorScheme="light">
      <Shell />
    </MantineProvider>,
  );
  await screen.findByText('dark 0');
}

describe('the stored colour scheme', () => {
  it('is asked for once however often the shell renders, and drives the page', async () => {
    await renderShell();
    for (let i = 1; i <= 5; i++) act(() => screen.getByRole('button').click());
    await screen.findByText('dark 5');
    expect(call.mock.calls.filter(([name]) => name === 'settings.get')).toHaveLength(1);
  });

  it('follows a change made through the settings store', async () => {
    await renderShell();
    await act(() => useSettings.getState().update({ colorScheme: 'light' }));
    await waitFor(() => expect(screen.getByRole('button').textContent).toBe('light 0'));
  });
});
