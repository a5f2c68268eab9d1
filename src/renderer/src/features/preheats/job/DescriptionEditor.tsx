import { ActionIcon, Button, Group, Text, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { singleLine } from '@shared/preheat-spec';
import { pasteOnOneLine } from '@renderer/lib/one-line-paste';

interface Props {
  description: string | null;
  /** Resolves to the refusal in words, or null once the manager took it. */
  save(description: string): Promise<string | null>;
}

/** The job's description, edited in place: one line, as the manager keeps it. What was typed stays on a refusal. */
export function DescriptionEditor({ description, save }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (draft === null) {
    return (
      <Group gap={4} wrap="nowrap" align="flex-start">
        <Text size="sm" data-testid="description">
          {description || '-'}
        </Text>
        <ActionIcon size="sm" variant="subtle" aria-label="Edit the description" onClick={() => setDraft(description ?? '')} data-testid="edit-description">
          <IconPencil size={14} />
        </ActionIcon>
      </Group>
    );
  }
  const submit = async () => {
    setBusy(true);
    const refused = await save(draft);
    setBusy(false);
    setError(refused);
    if (!refused) setDraft(null);
  };
  const cancel = () => {
    setDraft(null);
    setError(null);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <TextInput
        size="xs"
        aria-label="Description"
        value={draft}
        onChange={(e) => setDraft(singleLine(e.currentTarget.value))}
        onPaste={(e) => pasteOnOneLine(e, setDraft)}
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), cancel())}
        error={error}
        autoFocus
        data-testid="description-input"
      />
      <Group gap={4} mt={4}>
        <Button size="compact-xs" type="submit" loading={busy} data-testid="save-description">
          Save
        </Button>
        <Button size="compact-xs" variant="default" onClick={cancel}>
          Cancel
        </Button>
      </Group>
    </form>
  );
}
