import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { draftName } from '@shared/drafts';
import { routeHash, useRoute } from '@renderer/app/route';
import { useCreatePreheat, type Draft } from './create-store';
import { SaveAsTemplateDialog } from './SaveAsTemplateDialog';

const SAVE_TEXT: Record<Draft['save']['state'], { color: string; text: (save: Draft['save']) => string }> = {
  new: { color: 'dimmed', text: () => 'New draft: kept from the first change' },
  saving: { color: 'dimmed', text: () => 'Saving…' },
  saved: { color: 'teal', text: (s) => `Saved ${s.at ? new Date(s.at).toLocaleTimeString() : ''}` },
  failed: { color: 'red', text: (s) => `Not saved: ${s.error}` },
};

/** The draft the form edits: its name, whether what is on screen is saved, and what to do with it. */
export function DraftBar() {
  const draft = useCreatePreheat((s) => s.draft);
  const spec = useCreatePreheat((s) => s.spec);
  const draftError = useCreatePreheat((s) => s.draftError);
  const openDraft = useCreatePreheat((s) => s.openDraft);
  const go = useRoute((s) => s.go);
  const [templating, setTemplating] = useState(false);
  const [template, setTemplate] = useState<string | null>(null);
  const save = SAVE_TEXT[draft.save.state];

  return (
    <>
      <Group justify="space-between" data-testid="draft-bar">
        <Group gap="xs">
          <Text fw={600} data-testid="draft-name">
            {draft.name ?? draftName(spec)}
          </Text>
          <Text size="sm" c={save.color} data-testid="draft-save-state" data-state={draft.save.state}>
            {save.text(draft.save)}
          </Text>
        </Group>
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={draft.id === null} onClick={() => setTemplating(true)} data-testid="save-as-template">
            Save as template
          </Button>
          <Button variant="default" size="xs" onClick={() => void openDraft(null)} data-testid="new-draft">
            New draft
          </Button>
          <Button variant="subtle" size="xs" onClick={() => go({ page: 'drafts' })}>
            All drafts
          </Button>
        </Group>
      </Group>
      {draftError && (
        <Alert color="red" variant="light" data-testid="draft-error">
          {draftError}
        </Alert>
      )}
      {template && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setTemplate(null)} data-testid="template-saved">
          Saved as the template “{template}”.{' '}
          <Anchor size="sm" href={routeHash({ page: 'drafts', tab: 'templates' })}>
            See the templates
          </Anchor>
        </Alert>
      )}
      <SaveAsTemplateDialog
        opened={templating}
        onClose={() => setTemplating(false)}
        onSaved={(name) => {
          setTemplating(false);
          setTemplate(name);
        }}
      />
    </>
  );
}
