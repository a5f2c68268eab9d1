import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreheatTargets } from '@shared/models';
import { emptySpec } from '@shared/preheat-spec';
import { CreatePreheatPage } from './CreatePreheatPage';
import { useCreatePreheat } from './create-store';

const call = vi.fn();
vi.mock('@renderer/transport/api', () => ({ call: (...args: unknown[]) => call(...args), transport: { on: () => () => undefined } }));

const catalog: PreheatTargets = [
  {
    managerId: 'm1',
    managerName: 'prod-eu',
    error: null,
    asOf: '2026-11-26T10:00:00Z',
    clusters: [
      { id: 1, name: 'eu-west-1', isDefault: true, jobRateLimit: 10, canPreheat: true, reason: null, activeSeedPeers: 3, seedPeersSeen: 0 },
      { id: 2, name: 'eu-north-1', isDefault: false, jobRateLimit: 10, canPreheat: true, reason: null, activeSeedPeers: 0, seedPeersSeen: 0 },
      { id: 3, name: 'eu-lab', isDefault: false, jobRateLimit: 10, canPreheat: false, reason: 'Its scheduler is inactive', activeSeedPeers: 1, seedPeersSeen: 0 },
    ],
  },
];

function answer(name: string, input: { spec?: { targets: unknown[] }; revision?: number }) {
  if (name === 'preheats.targets') return { ok: true, value: catalog };
  if (name === 'drafts.list') return { ok: true, value: { drafts: [], templates: [], openDraftId: null } };
  if (name === 'drafts.save') return { ok: true, value: { id: 'd1', revision: input.revision, savedAt: '2026-11-26T10:00:00Z' } };
  if (name === 'preheats.preview') {
    return {
      ok: true,
      value: {
        issues: [],
        warnings: [],
        storedRegistryPassword: false,
        requests: input.spec?.targets.length
          ? [{ managerId: 'm1', managerName: 'prod-eu', method: 'POST', url: 'http://m/api/v1/jobs', body: '{\n  "type": "preheat"\n}', curl: 'curl …' }]
          : [],
      },
    };
  }
  return { ok: false, code: 'internal', message: `unexpected ${name}` };
}

function renderPage() {
  render(
    <MantineProvider env="test">
      <CreatePreheatPage />
    </MantineProvider>,
  );
  return userEvent.setup();
}

beforeEach(() => {
  call.mockReset();
  call.mockImplementation(async (name: string, input: never) => answer(name, input));
  useCreatePreheat.setState({
    spec: emptySpec('image'),
    draft: { id: null, name: null, revision: 0, storedSecretHeaders: [], save: { state: 'new', at: null, error: null } },
    registryPassword: '',
    attempted: false,
    serverIssues: [],
    notes: [],
  });
});

describe('the create form', () => {
  it('says on each field what to change when an empty form is sent, and sends nothing', async () => {
    const user = renderPage();
    await user.click(await screen.findByTestId('submit-preheat'));
    expect(await screen.findByTestId('targets-error')).toHaveTextContent('Pick at least one cluster to preheat');
    expect(screen.getByText('Enter an image reference (e.g. nginx:1.27) or a manifest URL')).toBeInTheDocument();
    expect(call.mock.calls.some(([n]) => n === 'preheats.submit')).toBe(false);
  });

  it('shows the manifest URL an image reference becomes', async () => {
    const user = renderPage();
    await user.type(screen.getByTestId('image-reference'), 'registry.example.com:5000/team/app:v2');
    expect(screen.getByTestId('manifest-url')).toHaveTextContent('https://registry.example.com:5000/v2/team/app/manifests/v2');
    await user.clear(screen.getByTestId('image-reference'));
    await user.type(screen.getByTestId('image-reference'), 'Team/App');
    expect(screen.getByText('Repository names must be lower case ("Team")')).toBeInTheDocument();
  });

  it('marks clusters that cannot take a preheat, and seed-peer scopes without seed peers', async () => {
    renderPage();
    expect(await screen.findByText('Cannot take preheats: Its scheduler is inactive')).toBeInTheDocument();
    expect(screen.getByText(/No seed peer registered in the manager, and none confirmed a preheat here in 24 h: if none runs, a seed-peer scope fails here/)).toBeInTheDocument();
  });

  it('checks IPs, piece length and the timeout against the manager\'s limits', async () => {
    const user = renderPage();
    await user.click(await screen.findByTestId('target-prod-eu-eu-west-1'));
    await user.type(screen.getByTestId('image-reference'), 'nginx:1.27');
    await user.click(screen.getByTestId('scope'));
    await user.click(await screen.findByRole('option', { name: /^All peers/ }));
    await user.click(screen.getByRole('radio', { name: 'IPs' }));
    await user.type(screen.getByTestId('ips'), '10.0.0.1,node-a,');
    await user.type(screen.getByLabelText('Piece length (MiB)', { exact: false }), '65');
    await user.click(screen.getByText('Advanced: concurrency and timeout'));
    await user.type(screen.getByLabelText('Timeout (minutes)', { exact: false }), '90');
    expect(screen.getByText(/The manager stops watching a job after about 62 minutes/)).toBeInTheDocument();
    await user.click(screen.getByTestId('submit-preheat'));
    expect(await screen.findByText('Not an IPv4 or IPv6 address: node-a')).toBeInTheDocument();
    expect(screen.getByText('Piece length must be a whole number of MiB from 4 to 64, or empty to let the manager choose')).toBeInTheDocument();
    expect(call.mock.calls.some(([n]) => n === 'preheats.submit')).toBe(false);
  });

  it('shows the request body the back end says each manager will receive', async () => {
    const user = renderPage();
    await user.click(await screen.findByTestId('target-prod-eu-eu-west-1'));
    const body = await screen.findByTestId('preview-body-prod-eu');
    expect(body).toHaveTextContent('"type": "preheat"');
    expect(within(screen.getByTestId('preview')).getByRole('button', { name: 'Copy as curl' })).toBeInTheDocument();
    await waitFor(() => expect(call.mock.calls.filter(([n]) => n === 'preheats.preview').at(-1)?.[1].spec.targets).toEqual([{ managerId: 'm1', clusterIds: [1] }]));
  });

  it('puts a refusal of the back end on its field and keeps everything typed', async () => {
    call.mockImplementation(async (name: string, input: never) =>
      name === 'preheats.submit'
        ? { ok: false, code: 'invalid_input', message: 'The preheat has 1 problem', details: { fields: [{ path: 'image.reference', message: 'prod-eu: this is not a manifest URL' }] } }
        : answer(name, input),
    );
    const user = renderPage();
    await user.click(await screen.findByTestId('target-prod-eu-eu-west-1'));
    await user.type(screen.getByTestId('image-reference'), 'nginx:1.27');
    await user.type(screen.getByLabelText('Description', { exact: false }), 'canary');
    await user.click(screen.getByTestId('submit-preheat'));
    expect(await screen.findByText('prod-eu: this is not a manifest URL')).toBeInTheDocument();
    expect(screen.getByTestId('image-reference')).toHaveValue('nginx:1.27');
    expect(screen.getByLabelText('Description', { exact: false })).toHaveValue('canary');
  });

  it('takes a pasted description with line breaks as one line, which the manager accepts', async () => {
    const user = renderPage();
    const description = screen.getByLabelText('Description', { exact: false });
    await user.click(description);
    await user.paste('nightly warm-up\r\nfor release 7');
    expect(description).toHaveValue('nightly warm-up for release 7');
    await user.keyboard('{Enter}');
    expect(description).toHaveValue('nightly warm-up for release 7');
    await user.click(screen.getByTestId('submit-preheat'));
    expect(await screen.findByTestId('targets-error')).toBeInTheDocument();
    expect(screen.queryByText('Description must be a single line')).not.toBeInTheDocument();
  });

  it('keeps what is typed in a draft: the first save makes it, each later one carries its id and a higher revision', async () => {
    const user = renderPage();
    const description = screen.getByLabelText('Description', { exact: false });
    await user.type(description, 'canary');
    await waitFor(() => expect(screen.getByTestId('draft-save-state')).toHaveAttribute('data-state', 'saved'));
    await user.type(description, ' two');
    await waitFor(() => expect(call.mock.calls.filter(([n]) => n === 'drafts.save').at(-1)?.[1].spec.description).toBe('canary two'));
    await waitFor(() => expect(screen.getByTestId('draft-save-state')).toHaveAttribute('data-state', 'saved'));
    const saves = call.mock.calls.filter(([n]) => n === 'drafts.save').map(([, input]) => input);
    expect(saves[0].id).toBeUndefined();
    expect(saves.slice(1).every((i) => i.id === 'd1')).toBe(true);
    expect(saves.map((i) => i.revision)).toEqual(saves.map((_, i) => i + 1));
  });

  it('shows a secret header the draft keeps as an empty field that keeps it', async () => {
    useCreatePreheat.setState({
      spec: { ...emptySpec('image'), headers: [{ name: 'Authorization', value: '' }] },
      draft: { id: 'd1', name: null, revision: 4, storedSecretHeaders: ['authorization'], save: { state: 'saved', at: '2026-11-26T10:00:00Z', error: null } },
    });
    renderPage();
    expect(screen.getByLabelText('Header 1 value')).toHaveValue('');
    expect(screen.getByLabelText('Header 1 value')).toHaveAttribute('placeholder', 'stored: leave empty to keep it');
  });
});
