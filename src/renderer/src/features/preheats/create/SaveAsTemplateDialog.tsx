import { Code, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DialogActions } from '@renderer/components/DialogActions';
import { TemplateVariable, variablesIn } from '@shared/drafts';
import { useCreatePreheat } from './create-store';

type Described = { description: string; pattern: string };

/**
 * Save the draft as a named template. Each `{{name}}` written in the spec's text is a field asked for each
 * time the template is used: here it gets a description and, optionally, a pattern its value must match.
 */
export function SaveAsTemplateDialog({ opened, onClose, onSaved }: { opened: boolean; onClose(): void; onSaved(name: string): void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Save as template" size="lg">
      {/* Mounted only while open: each opening starts from the spec as it is then. */}
      {opened && <TemplateForm onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function TemplateForm({ onClose, onSaved }: { onClose(): void; onSaved(name: string): void }) {
  const spec = useCreatePreheat((s) => s.spec);
  const saveAsTemplate = useCreatePreheat((s) => s.saveAsTemplate);
  const [names] = useState(() => variablesIn(spec));
  const [name, setName] = useState('');
  const [described, setDescribed] = useState<Record<string, Described>>(() => Object.fromEntries(names.map((n) => [n, { description: '', pattern: '' }])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** An edited field drops what was said of it. */
  const settle = (path: string) => setErrors(({ [path]: _, ...rest }) => rest);
  const describe = (n: string, patch: Partial<Described>) => {
    setDescribed((d) => ({ ...d, [n]: { ...d[n]!, ...patch } }));
    settle(`variables.${n}`);
  };

  const save = async () => {
    const variables = names.map((n) => ({ name: n, ...described[n]! }));
    // The contract's own rules, so a bad pattern is said on its field before anything is sent.
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'A template needs a name';
    for (const v of variables) {
      const checked = TemplateVariable.safeParse(v);
      if (!checked.success) found[`variables.${v.name}`] = checked.error.issues[0]!.message;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    const res = await saveAsTemplate(name.trim(), variables);
    setBusy(false);
    if (res.ok) return onSaved(res.value.name);
    const fields = (res.details?.fields ?? []) as { path: string; message: string }[];
    setErrors(Object.fromEntries(fields.map((f) => [f.path, f.message])));
    setFailure(fields.length ? null : res.message);
  };

  return (
    <Stack gap="sm" data-testid="template-dialog">
      <TextInput
        label="Template name"
        placeholder="nightly model warm-up"
        value={name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          settle('name');
        }}
        error={errors.name}
        data-autofocus
      />
      {names.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="template-no-variables">
          Nothing is asked when this template is used. To ask for a value each time (a tag, a URL's version part), write{' '}
          <Code>{'{{version}}'}</Code> where it goes in the form, e.g. <Code>{'https://files.example.com/model-{{version}}.bin'}</Code>.
        </Text>
      ) : (
        <>
          <Text size="sm">Asked each time the template is used:</Text>
          {names.map((n) => (
            <Group key={n} align="flex-start" wrap="nowrap" gap="xs" data-testid={`template-variable-${n}`}>
              <Code mt={8} style={{ whiteSpace: 'nowrap' }}>{`{{${n}}}`}</Code>
              <TextInput
                style={{ flex: 1 }}
                aria-label={`Description of ${n}`}
                placeholder="What to enter, e.g. Model version"
                value={described[n]!.description}
                onChange={(e) => describe(n, { description: e.currentTarget.value })}
              />
              <TextInput
                style={{ flex: 1 }}
                aria-label={`Pattern of ${n}`}
                placeholder="optional regex, e.g. v\d+\.\d+\.\d+"
                value={described[n]!.pattern}
                onChange={(e) => describe(n, { pattern: e.currentTarget.value })}
                error={errors[`variables.${n}`]}
                ff="monospace"
              />
            </Group>
          ))}
        </>
      )}
      <DialogActions
        failure={failure}
        failureTestId="template-error"
        label="Save template"
        testId="template-save"
        busy={busy}
        onCancel={onClose}
        onConfirm={() => void save()}
      />
    </Stack>
  );
}
