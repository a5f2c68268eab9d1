import { ActionIcon, Button, Group, Stack, TextInput } from '@mantine/core';
import { useShallow } from 'zustand/shallow';
import type { PreheatSpec } from '@shared/preheat-spec';
import { isStoredSecret, useCreatePreheat } from './create-store';
import { useFieldErrors } from './form-fields';
import { Section } from './Section';

type Header = PreheatSpec['headers'][number];

/** Request headers as name and value rows. A secret value the draft keeps is never shown: its field stays empty. */
export function HeadersSection() {
  const headers = useCreatePreheat((s) => s.spec.headers);
  const update = useCreatePreheat((s) => s.update);
  const stored = useCreatePreheat(useShallow((s) => s.draft.storedSecretHeaders));
  const { err } = useFieldErrors();
  const change = (next: Header[]) => update((s) => void (s.headers = next));
  const set = (i: number, patch: Partial<Header>) => change(headers.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <Section title="Headers" hint="Sent by the peers with every download, e.g. registry or origin authentication.">
      <Stack gap="xs" data-testid="headers">
        {headers.map((h, i) => (
          <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput w={220} aria-label={`Header ${i + 1} name`} placeholder="Authorization" value={h.name} onChange={(e) => set(i, { name: e.currentTarget.value })} error={err(`headers.${i}.name`)} />
            <TextInput
              style={{ flex: 1 }}
              aria-label={`Header ${i + 1} value`}
              placeholder={h.value === '' && isStoredSecret(stored, h.name) ? 'stored: leave empty to keep it' : 'Bearer …'}
              value={h.value}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
              error={err(`headers.${i}.value`)}
            />
            <ActionIcon variant="subtle" color="gray" mt={6} aria-label={`Remove header ${i + 1}`} onClick={() => change(headers.filter((_, j) => j !== i))}>
              ✕
            </ActionIcon>
          </Group>
        ))}
        <Button variant="light" size="xs" w="fit-content" onClick={() => change([...headers, { name: '', value: '' }])}>
          Add a header
        </Button>
      </Stack>
    </Section>
  );
}
