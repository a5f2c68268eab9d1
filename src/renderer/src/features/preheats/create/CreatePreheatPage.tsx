import {
  Accordion,
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { resolveImageRef } from '@shared/image-ref';
import { DEFAULT_FILTERED_QUERY_PARAMS, LIMITS, validateSpec, type PreheatSpec } from '@shared/preheat-spec';
import { useRoute, type NewPreheatIntent } from '@renderer/app/route';
import { useCreatePreheat } from './create-store';
import { FileUrls, HeadersEditor } from './ListEditors';
import { PreviewPanel } from './PreviewPanel';
import { TargetPicker } from './TargetPicker';

const PLATFORMS = ['linux/amd64', 'linux/arm64'];

function Section({ title, children, hint }: { title: string; children: ReactNode; hint?: string }) {
  return (
    <Paper withBorder p="md">
      <Title order={4} mb={hint ? 2 : 'sm'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

const num = (v: string | number) => (v === '' || v === undefined ? null : Number(v));

/** The create form: every field of the console's, with the manager's real rules and a live preview. */
export function CreatePreheatPage({ intent }: { intent?: NewPreheatIntent | undefined }) {
  const { spec, registryPassword, rememberPassword, attempted, serverIssues, notes, busy, submitError, storedPassword, update, setPassword, setRemember, setKind, reset, apply, open, close, submit } =
    useCreatePreheat();
  const go = useRoute((s) => s.go);
  useEffect(() => {
    void open();
    return close;
  }, [open, close]);
  useEffect(() => {
    if (intent) apply(intent);
  }, [intent, apply]);

  const local = attempted ? validateSpec(spec) : [];
  const err = (path: string): string | undefined => {
    const all = [...local, ...serverIssues].filter((i) => i.path === path);
    return all.length ? all.map((i) => i.message).join(' · ') : undefined;
  };
  const errUnder = (prefix: string) => [...local, ...serverIssues].some((i) => i.path.startsWith(prefix));

  const ref = spec.kind === 'image' && spec.image.reference.trim() ? resolveImageRef(spec.image.reference) : null;
  const clusters = spec.targets.reduce((n, t) => n + t.clusterIds.length, 0);
  const managers = spec.targets.filter((t) => t.clusterIds.length).length;
  const allScope = spec.scope !== 'single_seed_peer';
  const peers = spec.scope === 'all_peers' ? 'peers' : 'seed peers';

  const send = async () => {
    const id = await submit();
    if (id) go({ page: 'submission', id });
  };

  return (
    <Stack gap="md" pb="xl" data-testid="create-preheat">
      <Group justify="space-between">
        <Group gap="sm">
          <Anchor size="sm" onClick={() => go({ page: 'preheats' })}>
            ← All preheats
          </Anchor>
          <Title order={2}>New preheat</Title>
        </Group>
        <Button variant="subtle" color="gray" onClick={reset}>
          Clear the form
        </Button>
      </Group>
      {notes.map((n) => (
        <Alert key={n} variant="light" color="blue">
          {n}
        </Alert>
      ))}
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Stack gap="md" style={{ flex: 3, minWidth: 0 }}>
          <SegmentedControl
            value={spec.kind}
            onChange={(v) => setKind(v as 'image' | 'file')}
            data={[
              { value: 'image', label: 'Image' },
              { value: 'file', label: 'File' },
            ]}
            data-testid="kind"
          />
          <Section title="Information">
            <Textarea
              label="Description"
              description={`${spec.description.length} / ${LIMITS.description} characters`}
              placeholder="What this preheat is for"
              autosize
              minRows={1}
              maxRows={3}
              value={spec.description}
              onChange={(e) => update((s) => void (s.description = e.currentTarget.value))}
              error={err('description')}
            />
          </Section>
          <Section title="Clusters" hint="One request goes to each manager, carrying the clusters chosen on it.">
            <TargetPicker targets={spec.targets} scope={spec.scope} onChange={(t) => update((s) => void (s.targets = t))} error={err('targets')} />
          </Section>
          {spec.kind === 'image' ? (
            <Section title="Image">
              <TextInput
                label="Image"
                description="An image reference (nginx:1.27, registry.example.com:5000/team/app:v2, docker.io/library/nginx@sha256:…) or the manifest URL"
                placeholder="nginx:1.27"
                value={spec.image.reference}
                onChange={(e) => update((s) => void (s.image.reference = e.currentTarget.value))}
                error={err('image.reference') ?? (ref && !ref.ok ? ref.error : undefined)}
                data-testid="image-reference"
              />
              {ref?.ok && (
                <Text size="xs" c="dimmed" data-testid="manifest-url">
                  Manifest URL the manager will fetch: <code>{ref.manifestUrl}</code>
                </Text>
              )}
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  Platform
                </Text>
                <SegmentedControl
                  value={spec.image.platform === '' ? 'host' : PLATFORMS.includes(spec.image.platform) ? spec.image.platform : 'other'}
                  onChange={(v) => update((s) => void (s.image.platform = v === 'host' ? '' : v === 'other' ? 'linux/arm/v7' : v))}
                  data={[
                    { value: 'linux/amd64', label: 'linux/amd64' },
                    { value: 'linux/arm64', label: 'linux/arm64' },
                    { value: 'other', label: 'Other' },
                    { value: 'host', label: "Manager's own" },
                  ]}
                />
                {spec.image.platform !== '' && !PLATFORMS.includes(spec.image.platform) && (
                  <TextInput
                    aria-label="Platform"
                    placeholder="os/arch[/variant], e.g. linux/arm/v7"
                    value={spec.image.platform}
                    onChange={(e) => update((s) => void (s.image.platform = e.currentTarget.value))}
                    error={err('image.platform')}
                  />
                )}
                {spec.image.platform === '' && (
                  <Text size="xs" c="dimmed">
                    The manager picks the platform of the machine it runs on when the image has several.
                  </Text>
                )}
              </Stack>
              <Group grow align="flex-start">
                <TextInput
                  label="Registry username"
                  value={spec.image.username}
                  onChange={(e) => update((s) => void (s.image.username = e.currentTarget.value))}
                  error={err('image.username')}
                />
                <PasswordInput
                  label="Registry password"
                  placeholder={storedPassword ? 'stored: leave empty to use it' : ''}
                  value={registryPassword}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  disabled={!spec.image.username}
                  autoComplete="new-password"
                />
              </Group>
              {spec.image.username && (
                <Switch
                  label="Remember this password for this registry and username"
                  description="Kept with the managers' credentials (the OS keychain where there is one), never in the draft"
                  checked={rememberPassword}
                  onChange={(e) => setRemember(e.currentTarget.checked)}
                />
              )}
              {(registryPassword || storedPassword) && (
                <Alert color="orange" variant="light" data-testid="password-warning">
                  The manager stores the registry password in clear in the job and shows it to anyone who can read jobs. A short-lived
                  token is safer:{' '}
                  <Anchor
                    size="sm"
                    onClick={() => {
                      setPassword('');
                      update((s) => {
                        s.image.username = '';
                        if (!s.headers.some((h) => h.name.toLowerCase() === 'authorization')) s.headers.push({ name: 'Authorization', value: 'Bearer ' });
                      });
                    }}
                  >
                    use an Authorization header instead
                  </Anchor>
                  .
                </Alert>
              )}
            </Section>
          ) : (
            <Section title="URLs" hint="One or more files to preheat, each downloaded in full by the chosen peers.">
              <FileUrls urls={spec.files} onChange={(files) => update((s) => void (s.files = files))} error={err} />
            </Section>
          )}
          <Section title="Peers">
            <Select
              label="Scope"
              data={[
                { value: 'single_seed_peer', label: 'Single seed peer: one seed peer per cluster downloads each URL' },
                { value: 'all_seed_peers', label: 'All seed peers: every seed peer in each cluster' },
                { value: 'all_peers', label: 'All peers: every peer in each cluster' },
              ]}
              value={spec.scope}
              onChange={(v) =>
                update((s) => {
                  s.scope = (v ?? 'single_seed_peer') as PreheatSpec['scope'];
                  s.selection = { mode: 'all' };
                })
              }
              allowDeselect={false}
              data-testid="scope"
            />
            {allScope && (
              <Stack gap="xs">
                <Radio.Group
                  label={`Which ${peers}`}
                  description={`Applied in each cluster separately: a count of 3 means 3 ${peers} in every chosen cluster.`}
                  value={spec.selection.mode}
                  onChange={(mode) =>
                    update((s) => {
                      s.selection =
                        mode === 'ips' ? { mode, ips: [] } : mode === 'count' ? { mode, count: 1 } : mode === 'percentage' ? { mode, percentage: 50 } : { mode: 'all' };
                    })
                  }
                >
                  <Group mt={4}>
                    <Radio value="all" label="All" />
                    <Radio value="ips" label="IPs" />
                    <Radio value="count" label="Count" />
                    <Radio value="percentage" label="Percentage" />
                  </Group>
                </Radio.Group>
                {spec.selection.mode === 'ips' && (
                  <TagsInput
                    label={`IPs of the ${peers} (1 to ${LIMITS.ips[1]})`}
                    description="Press Enter after each address. IPs found in only one cluster make the other clusters' part fail."
                    placeholder="10.0.0.12"
                    value={spec.selection.ips}
                    onChange={(ips) => update((s) => void (s.selection = { mode: 'ips', ips }))}
                    acceptValueOnBlur
                    splitChars={[',', ' ']}
                    error={err('selection.ips')}
                    data-testid="ips"
                  />
                )}
                {spec.selection.mode === 'count' && (
                  <NumberInput
                    label={`How many ${peers} (1 to 200)`}
                    value={spec.selection.count ?? ''}
                    onChange={(v) => update((s) => void (s.selection = { mode: 'count', count: num(v) }))}
                    allowDecimal={false}
                    error={err('selection.count')}
                  />
                )}
                {spec.selection.mode === 'percentage' && (
                  <NumberInput
                    label={`Percentage of the ${peers} (1 to 100)`}
                    suffix="%"
                    value={spec.selection.percentage ?? ''}
                    onChange={(v) => update((s) => void (s.selection = { mode: 'percentage', percentage: num(v) }))}
                    allowDecimal={false}
                    error={err('selection.percentage')}
                  />
                )}
              </Stack>
            )}
            <NumberInput
              label="Piece length (MiB)"
              description="Empty lets the manager choose from the content length (4 to 16 MiB). The manager accepts 4 to 64."
              placeholder="chosen by the manager"
              value={spec.pieceLengthMiB ?? ''}
              onChange={(v) => update((s) => void (s.pieceLengthMiB = num(v)))}
              allowDecimal={false}
              error={err('pieceLengthMiB')}
            />
          </Section>
          <Section title="Task identity" hint="The manager derives the task id from the URL, tag, application, filtered query params and piece length: change any of them and it is a different task.">
            <Group grow align="flex-start">
              <TextInput label="Tag" description="Same URL, another tag: another task" value={spec.tag} onChange={(e) => update((s) => void (s.tag = e.currentTarget.value))} error={err('tag')} />
              <TextInput
                label="Application"
                description="Same URL, another application: another task"
                value={spec.application}
                onChange={(e) => update((s) => void (s.application = e.currentTarget.value))}
                error={err('application')}
              />
            </Group>
            <TagsInput
              label="Filtered query params"
              description={
                spec.filteredQueryParams.length
                  ? 'Dropped from the URLs before the task id is computed.'
                  : `Empty: the manager uses its default list (${DEFAULT_FILTERED_QUERY_PARAMS.length} signature parameters of S3, GCS, OSS, OBS and COS, plus ns).`
              }
              placeholder="Press Enter after each name"
              value={spec.filteredQueryParams}
              onChange={(v) => update((s) => void (s.filteredQueryParams = v))}
              splitChars={['&', ',', ' ']}
              acceptValueOnBlur
              error={[...spec.filteredQueryParams.keys()].map((i) => err(`filteredQueryParams.${i}`)).find(Boolean)}
            />
            {spec.filteredQueryParams.length > 0 && !spec.filteredQueryParams.includes('ns') && (
              <Text size="xs" c="dimmed">
                containerd adds an <code>ns</code> query parameter to blob URLs; unless it is filtered, pulls through containerd do not find this
                preheat.{' '}
                <Anchor size="xs" onClick={() => update((s) => void s.filteredQueryParams.push('ns'))}>
                  Add ns
                </Anchor>
              </Text>
            )}
          </Section>
          <Section title="Headers" hint="Sent by the peers with every download, e.g. registry or origin authentication.">
            <HeadersEditor headers={spec.headers} onChange={(headers) => update((s) => void (s.headers = headers))} error={err} />
          </Section>
          <Accordion variant="separated" defaultValue={errUnder('advanced') ? 'advanced' : null}>
            <Accordion.Item value="advanced">
              <Accordion.Control>Advanced: concurrency and timeout</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  <Group grow align="flex-start">
                    <NumberInput
                      label="Concurrent task count"
                      description="URLs or layers at once per scheduler (1 to 100; default 8)"
                      placeholder="8"
                      value={spec.advanced.concurrentTaskCount ?? ''}
                      onChange={(v) => update((s) => void (s.advanced.concurrentTaskCount = num(v)))}
                      allowDecimal={false}
                      error={err('advanced.concurrentTaskCount')}
                    />
                    <NumberInput
                      label="Concurrent peer count"
                      description="Peers downloading one URL at once (1 to 1000; default 500)"
                      placeholder="500"
                      value={spec.advanced.concurrentPeerCount ?? ''}
                      onChange={(v) => update((s) => void (s.advanced.concurrentPeerCount = num(v)))}
                      allowDecimal={false}
                      error={err('advanced.concurrentPeerCount')}
                    />
                  </Group>
                  <NumberInput
                    label="Timeout (minutes)"
                    description="Sent to the manager in nanoseconds; default 60"
                    placeholder="60"
                    value={spec.advanced.timeoutMinutes ?? ''}
                    onChange={(v) => update((s) => void (s.advanced.timeoutMinutes = num(v)))}
                    allowDecimal={false}
                    error={err('advanced.timeoutMinutes')}
                  />
                  {(spec.advanced.timeoutMinutes ?? 0) > LIMITS.watchedMinutes && (
                    <Alert color="orange" variant="light">
                      The manager stops watching a job after about {LIMITS.watchedMinutes} minutes and marks it failed, even while the schedulers
                      keep working within this timeout.
                    </Alert>
                  )}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
          {submitError && (
            <Alert color="red" data-testid="submit-error">
              {submitError}
            </Alert>
          )}
          {attempted && local.length > 0 && (
            <Alert color="red" variant="light" data-testid="form-problems">
              {local.length === 1 ? local[0]!.message : `${local.length} fields need a change before this can be sent; each says what is wrong.`}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button size="md" loading={busy} onClick={() => void send()} data-testid="submit-preheat">
              {clusters ? `Preheat on ${clusters} cluster${clusters === 1 ? '' : 's'} of ${managers} manager${managers === 1 ? '' : 's'}` : 'Preheat'}
            </Button>
          </Group>
        </Stack>
        <PreviewPanel />
      </Group>
    </Stack>
  );
}
