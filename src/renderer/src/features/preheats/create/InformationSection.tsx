import { Textarea } from '@mantine/core';
import { LIMITS } from '@shared/preheat-spec';
import { useCreatePreheat } from './create-store';
import { useFieldErrors } from './form-fields';
import { Section } from './Section';

export function InformationSection() {
  const description = useCreatePreheat((s) => s.spec.description);
  const update = useCreatePreheat((s) => s.update);
  const { err } = useFieldErrors();
  return (
    <Section title="Information">
      <Textarea
        label="Description"
        description={`${description.length} / ${LIMITS.description} characters`}
        placeholder="What this preheat is for"
        autosize
        minRows={1}
        maxRows={3}
        value={description}
        onChange={(e) => update((s) => void (s.description = e.currentTarget.value))}
        error={err('description')}
      />
    </Section>
  );
}
