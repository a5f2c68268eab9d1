import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DialogActions } from '@renderer/components/DialogActions';
import type { DraftSummary } from '@shared/drafts';
import { useRoute } from '@renderer/app/route';
import { useDrafts } from './drafts-store';

/** "New from template": asks for each field the template marks, checked by the back end, and opens the new draft. */
export function FromTemplateDialog({ template, onClose }: { template: DraftSummary | null; onClose(): void }) {
  return (
    <Modal opened={template !== null} onClose={onClose} title={template ? `New draft from “${template.name}”` : ''} size="lg">
      {template && <ValuesForm key={template.id} template={template} onClose={onClose} />}
    </Modal>
  );
}

function ValuesForm({ template, onClose }: { template: DraftSummary; onClose(): void }) {
  const fromTemplate = useDrafts((s) => s.fromTemplate);
  const go = useRoute((s) => s.go);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    const res = await fromTemplate(template.id, values);
    setBusy(false);
    if (res.ok) return go({ page: 'new', intent: { kind: 'draft', id: res.value.id } });
    const fields = (res.details?.fields ?? []) as { path: string; message: string }[];
    const byName = Object.fromEntries(fields.filter((f) => f.path.startsWith('values.')).map((f) => [f.path.slice('values.'.length), f.message]));
    setErrors(byName);
    setFailure(Object.keys(byName).length ? null : res.message);
  };

  return (
    <Stack gap="sm" data-testid="from-template">
      {template.variables.length === 0 ? (
        <Text size="sm">This template asks for nothing: the new draft is a copy of it.</Text>
      ) : (
        template.variables.map((v, i) => (
          <TextInput
            key={v.name}
            label={v.description || v.name}
            description={`{{${v.name}}}${v.pattern ? ` · must match ${v.pattern}` : ''}`}
            value={values[v.name] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((x) => ({ ...x, [v.name]: value }));
              setErrors(({ [v.name]: _, ...rest }) => rest);
            }}
            error={errors[v.name]}
            data-autofocus={i === 0 || undefined}
            data-testid={`template-value-${v.name}`}
          />
        ))
      )}
      <DialogActions
        failure={failure}
        failureTestId="from-template-error"
        label="Create the draft"
        testId="from-template-create"
        busy={busy}
        onCancel={onClose}
        onConfirm={() => void create()}
      />
    </Stack>
  );
}
