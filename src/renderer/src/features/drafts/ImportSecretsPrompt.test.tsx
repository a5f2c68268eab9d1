import { MantineProvider } from '@mantine/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useDrafts } from './drafts-store';
import { ImportSecretsPrompt } from './ImportSecretsPrompt';
import { SpecFileDrop } from './SpecFileDrop';

const call = vi.fn();
vi.mock('@renderer/transport/api', () => ({ call: (...args: unknown[]) => call(...args), transport: { on: () => () => undefined }, onEvents: () => () => undefined }));

const request = { fileName: 'warm-up.yaml', headers: ['Authorization', 'X-Registry-Token'], warnings: ['prod-us: no manager of that name here; its clusters were left out'] };

const wrap = (ui: React.ReactNode) => render(<MantineProvider env="test">{ui}</MantineProvider>);

beforeEach(() => {
  call.mockReset();
  useDrafts.setState({ importReport: [], secretsAsked: null, importing: false });
});

describe('the import secrets prompt', () => {
  it('asks for each secret header, and gives nothing until every one is typed', async () => {
    const onGive = vi.fn();
    wrap(<ImportSecretsPrompt request={request} onGive={onGive} />);
    const user = userEvent.setup();
    expect(screen.getByTestId('import-secrets')).toHaveTextContent('warm-up.yaml leaves out the value of 2 secret headers');
    expect(screen.getByTestId('import-secrets-warnings')).toHaveTextContent('prod-us: no manager of that name here');
    await user.type(screen.getByLabelText('Authorization'), 'Bearer abc');
    await user.click(screen.getByTestId('import-secrets-give'));
    expect(screen.getByText('Type the value of X-Registry-Token')).toBeInTheDocument();
    expect(onGive).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('X-Registry-Token'), 't0k');
    await user.click(screen.getByTestId('import-secrets-give'));
    expect(onGive).toHaveBeenCalledWith({ Authorization: 'Bearer abc', 'X-Registry-Token': 't0k' });
  });

  it('skips the file when asked', async () => {
    const onGive = vi.fn();
    wrap(<ImportSecretsPrompt request={request} onGive={onGive} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Skip this file' }));
    expect(onGive).toHaveBeenCalledWith(null);
  });

  it('imports a file again with the values given, and reports what came in and what matched nothing', async () => {
    const imported = { id: 'd2', kind: 'draft', name: 'warm-up', nameGiven: true, specKind: 'file', targets: [], updatedAt: '2026-11-26T10:00:00Z', ready: true, missing: [], variables: [], fromTemplate: null };
    call.mockResolvedValueOnce({ ok: true, value: { status: 'needs-secrets', headers: ['Authorization'], warnings: request.warnings } });
    call.mockResolvedValueOnce({ ok: true, value: { status: 'imported', imported: [imported], warnings: request.warnings } });
    wrap(<SpecFileDrop />);
    const user = userEvent.setup();
    let done!: Promise<unknown>;
    act(() => {
      done = useDrafts.getState().importFiles([new File(['apiVersion: dragonfly-desk/v1\n'], 'warm-up.yaml')]);
    });
    await user.type(await screen.findByLabelText('Authorization'), 'Bearer abc');
    await user.click(screen.getByTestId('import-secrets-give'));
    await act(() => done);
    expect(call).toHaveBeenNthCalledWith(1, 'drafts.import', { fileName: 'warm-up.yaml', content: 'apiVersion: dragonfly-desk/v1\n' });
    expect(call).toHaveBeenNthCalledWith(2, 'drafts.import', { fileName: 'warm-up.yaml', content: 'apiVersion: dragonfly-desk/v1\n', secrets: { Authorization: 'Bearer abc' } });
    expect(useDrafts.getState().importReport).toEqual([{ fileName: 'warm-up.yaml', imported: [imported], warnings: request.warnings, error: null }]);
    await waitFor(() => expect(screen.queryByTestId('import-secrets')).not.toBeInTheDocument());
  });

  it('shows a refused file\'s message as it is', async () => {
    call.mockResolvedValueOnce({ ok: false, code: 'invalid_input', message: 'line 12, scope: must be one of single_seed_peer, all_seed_peers, all_peers' });
    const report = await useDrafts.getState().importFiles([new File(['x'], 'bad.yaml')]);
    expect(report).toEqual([{ fileName: 'bad.yaml', imported: [], warnings: [], error: 'line 12, scope: must be one of single_seed_peer, all_seed_peers, all_peers' }]);
  });
});
