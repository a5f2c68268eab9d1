import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftSummary } from '@shared/drafts';
import { useRoute } from '@renderer/app/route';
import { FromTemplateDialog } from './FromTemplateDialog';

const call = vi.fn();
vi.mock('@renderer/transport/api', () => ({ call: (...args: unknown[]) => call(...args), transport: { on: () => () => undefined }, onEvents: () => () => undefined }));

const template: DraftSummary = {
  id: 't1',
  kind: 'template',
  name: 'nightly model warm-up',
  nameGiven: true,
  specKind: 'file',
  targets: [],
  updatedAt: '2026-11-26T10:00:00Z',
  ready: false,
  missing: [],
  variables: [
    { name: 'version', description: 'Model version', pattern: 'v\\d+' },
    { name: 'tag', description: '', pattern: '' },
  ],
  fromTemplate: null,
};

beforeEach(() => call.mockReset());

describe('New from template', () => {
  it('asks for each field, shows the back end\'s checks on them, and opens the new draft', async () => {
    call.mockResolvedValueOnce({
      ok: false,
      code: 'invalid_input',
      message: 'Model version must match v\\d+',
      details: { fields: [{ path: 'values.version', message: 'Model version must match v\\d+' }, { path: 'values.tag', message: 'tag is required' }] },
    });
    call.mockResolvedValueOnce({ ok: true, value: { ...template, id: 'd9', kind: 'draft' } });
    render(
      <MantineProvider env="test">
        <FromTemplateDialog template={template} onClose={() => undefined} />
      </MantineProvider>,
    );
    const user = userEvent.setup();
    expect(screen.getByText('{{version}} · must match v\\d+')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Model version'), 'latest');
    await user.click(screen.getByTestId('from-template-create'));
    expect(await screen.findByText('Model version must match v\\d+')).toBeInTheDocument();
    expect(screen.getByText('tag is required')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Model version'));
    await user.type(screen.getByLabelText('Model version'), 'v2');
    await user.type(screen.getByLabelText('tag'), 'nightly');
    await user.click(screen.getByTestId('from-template-create'));
    await waitFor(() => expect(useRoute.getState().route).toEqual({ page: 'new', intent: { kind: 'draft', id: 'd9' } }));
    expect(call).toHaveBeenLastCalledWith('drafts.fromTemplate', { templateId: 't1', values: { version: 'v2', tag: 'nightly' } });
  });
});
