import { ActionIcon, Button, Group, Stack, TextInput } from '@mantine/core';
import { useCreatePreheat } from './create-store';
import { useFieldErrors } from './form-fields';
import { Section } from './Section';

/** The file URLs, added and removed in place. */
export function FileSection() {
  const urls = useCreatePreheat((s) => s.spec.files);
  const update = useCreatePreheat((s) => s.update);
  const { err } = useFieldErrors();
  const change = (files: string[]) => update((s) => void (s.files = files));
  return (
    <Section title="URLs" hint="One or more files to preheat, each downloaded in full by the chosen peers.">
      <Stack gap="xs" data-testid="file-urls">
        {urls.map((u, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              style={{ flex: 1 }}
              aria-label={`URL ${i + 1}`}
              placeholder="https://files.example.com/models/weights.bin"
              value={u}
              onChange={(e) => change(urls.map((v, j) => (j === i ? e.currentTarget.value : v)))}
              error={err(`files.${i}`) ?? (i === 0 ? err('files') : undefined)}
            />
            {urls.length > 1 && (
              <ActionIcon variant="subtle" color="gray" mt={6} aria-label={`Remove URL ${i + 1}`} onClick={() => change(urls.filter((_, j) => j !== i))}>
                ✕
              </ActionIcon>
            )}
          </Group>
        ))}
        <Button variant="light" size="xs" w="fit-content" onClick={() => change([...urls, ''])}>
          Add a URL
        </Button>
      </Stack>
    </Section>
  );
}
