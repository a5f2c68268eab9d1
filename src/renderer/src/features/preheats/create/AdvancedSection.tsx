import { Accordion, Alert, Group, NumberInput, Stack } from '@mantine/core';
import { LIMITS } from '@shared/preheat-spec';
import { useCreatePreheat } from './create-store';
import { num, useFieldErrors } from './form-fields';

/** Concurrency and timeout, folded away unless one of them has a problem. */
export function AdvancedSection() {
  const advanced = useCreatePreheat((s) => s.spec.advanced);
  const update = useCreatePreheat((s) => s.update);
  const { err, errUnder } = useFieldErrors();
  return (
    <Accordion variant="separated" defaultValue={errUnder('advanced') ? 'advanced' : null}>
      <Accordion.Item value="advanced">
        <Accordion.Control>Advanced: concurrency and timeout</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Group grow align="flex-start">
              <NumberInput
                label="Concurrent task count"
                description="URLs or layers at once per scheduler (1 to 100; default 8)"
                placeholder="8"
                value={advanced.concurrentTaskCount ?? ''}
                onChange={(v) => update((s) => void (s.advanced.concurrentTaskCount = num(v)))}
                allowDecimal={false}
                error={err('advanced.concurrentTaskCount')}
              />
              <NumberInput
                label="Concurrent peer count"
                description="Peers downloading one URL at once (1 to 1000; default 500)"
                placeholder="500"
                value={advanced.concurrentPeerCount ?? ''}
                onChange={(v) => update((s) => void (s.advanced.concurrentPeerCount = num(v)))}
                allowDecimal={false}
                error={err('advanced.concurrentPeerCount')}
              />
            </Group>
            <NumberInput
              label="Timeout (minutes)"
              description="Sent to the manager in nanoseconds; default 60"
              placeholder="60"
              value={advanced.timeoutMinutes ?? ''}
              onChange={(v) => update((s) => void (s.advanced.timeoutMinutes = num(v)))}
              allowDecimal={false}
              error={err('advanced.timeoutMinutes')}
            />
            {(advanced.timeoutMinutes ?? 0) > LIMITS.watchedMinutes && (
              <Alert color="orange" variant="light">
                The manager stops watching a job after about {LIMITS.watchedMinutes} minutes and marks it failed, even while the schedulers
                keep working within this timeout.
              </Alert>
            )}
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
