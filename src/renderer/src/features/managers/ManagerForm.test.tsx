import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ManagerView } from '@shared/models';
import { ManagerForm } from './ManagerForm';

const call = vi.fn();
vi.mock('@renderer/transport/api', () => ({ call: (...args: unknown[]) => call(...args), transport: { on: () => () => undefined } }));

const existing: ManagerView = {
  id: 'm1',
  name: 'prod-eu',
  baseUrl: 'http://manager.example.com:8080',
  auth: { kind: 'password', username: 'root', hasPassword: true, session: null },
  caCertPath: null,
  skipTlsVerify: false,
  createdAt: '2026-11-26T10:00:00Z',
  updatedAt: '2026-11-26T10:00:00Z',
  lastReport: null,
  secretKept: 'keychain',
};

function renderForm(props: Partial<Parameters<typeof ManagerForm>[0]> = {}) {
  const onSaved = vi.fn();
  render(
    <MantineProvider env="test">
      <ManagerForm existing={null} onSaved={onSaved} onCancel={() => undefined} {...props} />
    </MantineProvider>,
  );
  return { onSaved, user: userEvent.setup() };
}

beforeEach(() => call.mockReset());

describe('ManagerForm', () => {
  it('shows the back end\'s field errors next to the fields and keeps what was typed', async () => {
    call.mockResolvedValue({
      ok: false,
      code: 'invalid_input',
      message: 'baseUrl: Base URL must be an http:// or https:// address',
      details: { fields: [{ path: 'baseUrl', message: 'Base URL must be an http:// or https:// address, e.g. http://manager.example.com:8080' }] },
    });
    const { user, onSaved } = renderForm();
    await user.type(screen.getByLabelText('Display name'), 'prod-eu');
    await user.type(screen.getByLabelText('Base URL', { exact: false }), 'ftp://manager');
    await user.type(screen.getByLabelText('Password'), 'dragonfly');
    await user.click(screen.getByRole('button', { name: 'Add manager' }));
    expect(await screen.findByText(/Base URL must be an http:\/\/ or https:\/\/ address/)).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Display name')).toHaveValue('prod-eu');
    expect(screen.getByLabelText('Password')).toHaveValue('dragonfly');
    expect(call).toHaveBeenCalledWith('managers.add', {
      name: 'prod-eu',
      baseUrl: 'ftp://manager',
      auth: { kind: 'password', username: 'root', password: 'dragonfly' },
      caCertPath: null,
      skipTlsVerify: false,
    });
  });

  it('shows a failure that names no field above the buttons', async () => {
    call.mockResolvedValue({ ok: false, code: 'keychain', message: 'The OS keychain could not store a secret: locked' });
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Display name'), 'x');
    await user.click(screen.getByRole('button', { name: 'Add manager' }));
    expect(await screen.findByTestId('manager-form-error')).toHaveTextContent('The OS keychain could not store a secret: locked');
  });

  it('on edit, leaves secrets empty and does not send them unless retyped', async () => {
    call.mockResolvedValue({ ok: true, value: existing });
    const { user, onSaved } = renderForm({ existing });
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByLabelText('Password')).toHaveAttribute('placeholder', 'unchanged (kept in the OS keychain)');
    await user.clear(screen.getByLabelText('Display name'));
    await user.type(screen.getByLabelText('Display name'), 'prod-eu-2');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const [, input] = call.mock.calls[0]!;
    expect(input.input.auth).toEqual({ kind: 'password', username: 'root' });
  });

  it('asks for a token when switching an existing password login to a token', async () => {
    const { user } = renderForm({ existing });
    await user.click(screen.getByRole('radio', { name: 'Personal access token' }));
    // Switching the kind of login: there is no stored token to keep, so the field asks for one.
    expect(screen.getByPlaceholderText('from Developer → Tokens in the console')).toHaveValue('');
    expect(screen.queryByPlaceholderText('unchanged (kept in the OS keychain)')).toBeNull();
  });

  it('says why the password must be typed again when the address moves to another host, and never sends the stored one', async () => {
    call.mockResolvedValue({ ok: true, value: existing });
    const { user } = renderForm({ existing });
    await user.clear(screen.getByLabelText('Base URL'));
    await user.type(screen.getByLabelText('Base URL'), 'http://other.example.com:8080');
    expect(screen.getByLabelText('Password')).toHaveAttribute('placeholder', '');
    expect(screen.getByText(/The address changed from http:\/\/manager\.example\.com:8080 to http:\/\/other\.example\.com:8080: enter the password again/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const [, input] = call.mock.calls[0]!;
    // No password is sent: the back end refuses on the field, with the same reason, instead of reusing the stored one.
    expect(input.input.auth).toEqual({ kind: 'password', username: 'root' });
  });

  it('marks skipping TLS verification as unsafe', async () => {
    const { user } = renderForm();
    await user.click(screen.getByRole('switch', { name: /Skip TLS verification \(unsafe\)/ }));
    expect(screen.getByText('TLS verification is off')).toBeInTheDocument();
  });

  it('shows the connection report of a test without saving', async () => {
    call.mockResolvedValue({
      ok: true,
      value: {
        checkedAt: '2026-11-26T10:00:00Z',
        reachable: { ok: true, latencyMs: 12, message: 'Reachable; /healthy answered in 12 ms' },
        credentials: { ok: true, message: 'Signed in as root (root)' },
        roles: ['root'],
        userName: 'root',
        generation: { label: 'v2.4.1 or later', fullSupport: true, evidence: ['/api/v1/jobs requires a login (added in v2.4.1)'], warnings: [] },
      },
    });
    const { user, onSaved } = renderForm();
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByTestId('connection-report')).toHaveTextContent('Signed in as root (root)');
    expect(call.mock.calls[0]![0]).toBe('managers.test');
    expect(onSaved).not.toHaveBeenCalled();
  });
});
