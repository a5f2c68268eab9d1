import { Anchor, Group, TagsInput, Text, TextInput } from '@mantine/core';
import { DEFAULT_FILTERED_QUERY_PARAMS } from '@shared/preheat-spec';
import { useCreatePreheat } from './create-store';
import { useFieldErrors } from './form-fields';
import { Section } from './Section';

/** Tag, application and filtered query params: what makes the manager's task id. */
export function TaskIdentitySection() {
  const tag = useCreatePreheat((s) => s.spec.tag);
  const application = useCreatePreheat((s) => s.spec.application);
  const params = useCreatePreheat((s) => s.spec.filteredQueryParams);
  const update = useCreatePreheat((s) => s.update);
  const { err } = useFieldErrors();
  return (
    <Section title="Task identity" hint="The manager derives the task id from the URL, tag, application, filtered query params and piece length: change any of them and it is a different task.">
      <Group grow align="flex-start">
        <TextInput label="Tag" description="Same URL, another tag: another task" value={tag} onChange={(e) => update((s) => void (s.tag = e.currentTarget.value))} error={err('tag')} />
        <TextInput
          label="Application"
          description="Same URL, another application: another task"
          value={application}
          onChange={(e) => update((s) => void (s.application = e.currentTarget.value))}
          error={err('application')}
        />
      </Group>
      <TagsInput
        label="Filtered query params"
        description={
          params.length
            ? 'Dropped from the URLs before the task id is computed.'
            : `Empty: the manager uses its default list (${DEFAULT_FILTERED_QUERY_PARAMS.length} signature parameters of S3, GCS, OSS, OBS and COS, plus ns).`
        }
        placeholder="Press Enter after each name"
        value={params}
        onChange={(v) => update((s) => void (s.filteredQueryParams = v))}
        splitChars={['&', ',', ' ']}
        acceptValueOnBlur
        error={[...params.keys()].map((i) => err(`filteredQueryParams.${i}`)).find(Boolean)}
      />
      {params.length > 0 && !params.includes('ns') && (
        <Text size="xs" c="dimmed">
          containerd adds an <code>ns</code> query parameter to blob URLs; unless it is filtered, pulls through containerd do not find this
          preheat.{' '}
          <Anchor size="xs" onClick={() => update((s) => void s.filteredQueryParams.push('ns'))}>
            Add ns
          </Anchor>
        </Text>
      )}
    </Section>
  );
}
