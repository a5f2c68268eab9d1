import { Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DialogActions } from '@renderer/components/DialogActions';
import type { DraftSummary } from '@shared/drafts';
import { useDrafts } from './drafts-store';

/** Give a draft or template a name; an empty one names a draft after its content again. */
export function RenameDialog({ doc, onClose }: { doc: DraftSummary | null; onClose(): void }) {
  return (
    <Modal opened={doc !== null} onClose={onClose} title={doc?.kind === 'template' ? 'Rename template' : 'Rename draft'}>
      {doc && <RenameForm key={doc.id} doc={doc} onClose={onClose} />}
    </Modal>
  );
}

function RenameForm({ doc, onClose }: { doc: DraftSummary; onClose(): void }) {
  const rename = useDrafts((s) => s.rename);
  const [name, setName] = useState(doc.nameGiven ? doc.name : '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const res = await rename(doc.id, name);
    if (res.ok) onClose();
    else setError(res.message);
  };
  return (
    <Stack gap="sm">
      <TextInput
        label="Name"
        description={doc.kind === 'draft' ? 'Leave empty to name it after its description, URL or image' : undefined}
        placeholder={doc.nameGiven ? '' : doc.name}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && void save()}
        error={error}
        data-autofocus
        data-testid="rename-input"
      />
      <DialogActions label="Rename" testId="rename-save" onCancel={onClose} onConfirm={() => void save()} />
    </Stack>
  );
}
