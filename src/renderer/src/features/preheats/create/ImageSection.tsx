import { Alert, Anchor, Button, Group, PasswordInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useShallow } from 'zustand/shallow';
import { resolveImageRef } from '@shared/image-ref';
import { useCreatePreheat } from './create-store';
import { useFieldErrors } from './form-fields';
import { Section } from './Section';

const PLATFORMS = ['linux/amd64', 'linux/arm64'];

/** The image: its reference (and the manifest URL it becomes), platform and registry login. */
export function ImageSection() {
  const image = useCreatePreheat((s) => s.spec.image);
  const { registryPassword, rememberPassword, storedPassword, update, setPassword, setRemember, forgetPassword } = useCreatePreheat(
    useShallow(({ registryPassword, rememberPassword, storedPassword, update, setPassword, setRemember, forgetPassword }) => ({
      registryPassword,
      rememberPassword,
      storedPassword,
      update,
      setPassword,
      setRemember,
      forgetPassword,
    })),
  );
  const { err } = useFieldErrors();
  const ref = image.reference.trim() ? resolveImageRef(image.reference) : null;

  /** Drop the registry login for a bearer token header, which the manager does not keep in clear. */
  const switchToHeader = () => {
    setPassword('');
    update((s) => {
      s.image.username = '';
      if (!s.headers.some((h) => h.name.toLowerCase() === 'authorization')) s.headers.push({ name: 'Authorization', value: 'Bearer ' });
    });
  };

  return (
    <Section title="Image">
      <TextInput
        label="Image"
        description="An image reference (nginx:1.27, registry.example.com:5000/team/app:v2, docker.io/library/nginx@sha256:…) or the manifest URL"
        placeholder="nginx:1.27"
        value={image.reference}
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
          value={image.platform === '' ? 'host' : PLATFORMS.includes(image.platform) ? image.platform : 'other'}
          onChange={(v) => update((s) => void (s.image.platform = v === 'host' ? '' : v === 'other' ? 'linux/arm/v7' : v))}
          data={[
            { value: 'linux/amd64', label: 'linux/amd64' },
            { value: 'linux/arm64', label: 'linux/arm64' },
            { value: 'other', label: 'Other' },
            { value: 'host', label: "Manager's own" },
          ]}
        />
        {image.platform !== '' && !PLATFORMS.includes(image.platform) && (
          <TextInput
            aria-label="Platform"
            placeholder="os/arch[/variant], e.g. linux/arm/v7"
            value={image.platform}
            onChange={(e) => update((s) => void (s.image.platform = e.currentTarget.value))}
            error={err('image.platform')}
          />
        )}
        {image.platform === '' && (
          <Text size="xs" c="dimmed">
            The manager picks the platform of the machine it runs on when the image has several.
          </Text>
        )}
      </Stack>
      <Group grow align="flex-start">
        <TextInput
          label="Registry username"
          value={image.username}
          onChange={(e) => update((s) => void (s.image.username = e.currentTarget.value))}
          error={err('image.username')}
        />
        <PasswordInput
          label="Registry password"
          placeholder={storedPassword ? 'stored: leave empty to use it' : ''}
          value={registryPassword}
          onChange={(e) => setPassword(e.currentTarget.value)}
          disabled={!image.username}
          autoComplete="new-password"
        />
      </Group>
      {storedPassword && (
        <Group gap="xs" data-testid="stored-password">
          <Text size="sm" c="dimmed">
            A password for {image.username} on this registry is kept in the keychain.
          </Text>
          <Button size="compact-sm" variant="subtle" color="red" onClick={() => void forgetPassword()} data-testid="forget-password">
            Forget it
          </Button>
        </Group>
      )}
      {image.username && (
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
          <Anchor size="sm" onClick={switchToHeader}>
            use an Authorization header instead
          </Anchor>
          .
        </Alert>
      )}
    </Section>
  );
}
