import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptySpec } from '@shared/preheat-spec';
import { useCreatePreheat } from './create-store';
import { SaveAsTemplateDialog } from './SaveAsTemplateDialog';

const call = vi.fn();
vi.mock('@renderer/transport/api', () => ({ call: (...args: unknown[]) => call(...args), transport: { on: () => () => undefined } }));

function renderDialog() {
  const onSaved = vi.fn();
  render(
    <MantineProvider env="test">
      <SaveAsTemplateDialog opened onClose={() => undefined} onSaved={onSaved} />
    </MantineProvider>,
  );
  return { onSaved, user: userEvent.setup() };
}

const summary = { id: 't1', kind: 'template', name: 'nightly model warm-up', nameGiven: true, specKind: 'file', targets: [], updatedAt: '2026-11-26T10:00:00Z', ready: false, missing: [], variables: [], fromTemplate: null };

beforeEach(() => {
  call.mockReset();
  useCreatePreheat.setState({
    spec: { ...emptySpec('file'), description: 'model {{version}} warm-up', files: ['https://files.example.com/model-{{version}}.bin'], tag: '{{ tag }}' },
    draft: { id: 'd1', name: null, revision: 3, storedSecretHeaders: [], save: { state: 'saved', at: '2026-11-26T10:00:00Z', error: null } },
  });
});

describe('the template variables dialog', () => {
  it('asks to describe each {{name}} of the spec, in order, and sends the descriptions and patterns', async () => {
    call.mockResolvedValue({ ok: true, value: summary });
    const { user, onSaved } = renderDialog();
    expect(screen.getAllByTestId(/^template-variable-/).map((row) => row.dataset.testid)).toEqual(['template-variable-version', 'template-variable-tag']);
    await user.type(screen.getByLabelText('Template name'), 'nightly model warm-up');
    await user.type(screen.getByLabelText('Description of version'), 'Model version');
    await user.type(screen.getByLabelText('Pattern of version'), 'v\\d+');
    await user.click(screen.getByTestId('template-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith('nightly model warm-up'));
    expect(call).toHaveBeenCalledWith('drafts.saveAsTemplate', {
      draftId: 'd1',
      name: 'nightly model warm-up',
      variables: [
        { name: 'version', description: 'Model version', pattern: 'v\\d+' },
        { name: 'tag', description: '', pattern: '' },
      ],
    });
  });

  it('says on its field what is wrong with the name or a pattern, and sends nothing', async () => {
    const { user, onSaved } = renderDialog();
    await user.type(screen.getByLabelText('Pattern of tag'), 'v(');
    await user.click(screen.getByTestId('template-save'));
    expect(await screen.findByText('A template needs a name')).toBeInTheDocument();
    expect(within(screen.getByTestId('template-variable-tag')).getByText('Not a valid regular expression')).toBeInTheDocument();
    expect(call).not.toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('puts the back end\'s refusal of a variable on that variable', async () => {
    call.mockResolvedValue({
      ok: false,
      code: 'invalid_input',
      message: 'The spec has no {{tag}}: write it where the value goes',
      details: { fields: [{ path: 'variables.tag', message: '{{tag}} appears nowhere in the spec' }] },
    });
    const { user, onSaved } = renderDialog();
    await user.type(screen.getByLabelText('Template name'), 'nightly');
    await user.click(screen.getByTestId('template-save'));
    expect(await within(screen.getByTestId('template-variable-tag')).findByText('{{tag}} appears nowhere in the spec')).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('tells how to mark a field when the spec has none', async () => {
    useCreatePreheat.setState({ spec: { ...emptySpec('file'), files: ['https://files.example.com/model.bin'] } });
    renderDialog();
    expect(screen.getByTestId('template-no-variables')).toHaveTextContent('write {{version}} where it goes in the form');
  });
});
