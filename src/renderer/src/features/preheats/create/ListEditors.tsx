import { ActionIcon, Button, Group, Stack, TextInput } from '@mantine/core';
import type { PreheatSpec } from '@shared/preheat-spec';

type ErrorOf = (path: string) => string | undefined;

/** The file URLs, added and removed in place. */
export function FileUrls({ urls, onChange, error }: { urls: string[]; onChange(urls: string[]): void; error: ErrorOf }) {
  const set = (i: number, v: string) => onChange(urls.map((u, j) => (j === i ? v : u)));
  return (
    <Stack gap="xs" data-testid="file-urls">
      {urls.map((u, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            style={{ flex: 1 }}
            aria-label={`URL ${i + 1}`}
            placeholder="https://files.example.com/models/weights.bin"
            value={u}
            onChange={(e) => set(i, e.currentTarget.value)}
            error={error(`files.${i}`) ?? (i === 0 ? error('files') : undefined)}
          />
          {urls.length > 1 && (
            <ActionIcon variant="subtle" color="gray" mt={6} aria-label={`Remove URL ${i + 1}`} onClick={() => onChange(urls.filter((_, j) => j !== i))}>
              ✕
            </ActionIcon>
          )}
        </Group>
      ))}
      <Button variant="light" size="xs" w="fit-content" onClick={() => onChange([...urls, ''])}>
        Add a URL
      </Button>
    </Stack>
  );
}

/** Request headers as name and value rows. */
export function HeadersEditor({ headers, onChange, error }: { headers: PreheatSpec['headers']; onChange(h: PreheatSpec['headers']): void; error: ErrorOf }) {
  const set = (i: number, patch: Partial<PreheatSpec['headers'][number]>) => onChange(headers.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <Stack gap="xs" data-testid="headers">
      {headers.map((h, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput w={220} aria-label={`Header ${i + 1} name`} placeholder="Authorization" value={h.name} onChange={(e) => set(i, { name: e.currentTarget.value })} error={error(`headers.${i}.name`)} />
          <TextInput
            style={{ flex: 1 }}
            aria-label={`Header ${i + 1} value`}
            placeholder="Bearer …"
            value={h.value}
            onChange={(e) => set(i, { value: e.currentTarget.value })}
            error={error(`headers.${i}.value`)}
          />
          <ActionIcon variant="subtle" color="gray" mt={6} aria-label={`Remove header ${i + 1}`} onClick={() => onChange(headers.filter((_, j) => j !== i))}>
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Button variant="light" size="xs" w="fit-content" onClick={() => onChange([...headers, { name: '', value: '' }])}>
        Add a header
      </Button>
    </Stack>
  );
}
