import { TextInput } from '@mantine/core';
import { LIMITS, singleLine } from '@shared/preheat-spec';
import { pasteOnOneLine } from '@renderer/lib/one-line-paste';
import { useCreatePreheat } from './create-store';
import { useFieldErrors } from './form-fields';
import { Section } from './Section';

export function InformationSection() {
  const description = useCreatePreheat((s) => s.spec.description);
  const update = useCreatePreheat((s) => s.update);
  const { err } = useFieldErrors();
  return (
    <Section title="Information">
      <TextInput
        label="Description"
        description={`${description.length} / ${LIMITS.description} characters`}
        placeholder="What this preheat is for"
        value={description}
        onChange={(e) => update((s) => void (s.description = singleLine(e.currentTarget.value)))}
        onPaste={(e) => pasteOnOneLine(e, (v) => update((s) => void (s.description = v)))}
        error={err('description')}
      />
    </Section>
  );
}
