import { Button, Group, Popover, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

const HOUR = 3600_000;
const PRESETS = { any: null, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR } as const;
type Preset = keyof typeof PRESETS | 'custom';

/** `datetime-local` wants local time without a zone; the back end takes an instant. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : null);

interface Props {
  from: string | null;
  to: string | null;
  onChange(range: { createdFrom: string | null; createdTo: string | null }): void;
}

/** The preset each range came from, by its start: the range itself is all the filter keeps. */
const presetOf = new Map<string, Preset>();

/** Created-date filter: the last 24 h, the last 7 days, or a custom range (older pages load to cover it). */
export function CreatedFilter({ from, to, onChange }: Props) {
  // Picked "custom" but not applied yet: the select says so while the range form is open.
  const [choosingCustom, setChoosingCustom] = useState(false);
  const preset: Preset = choosingCustom ? 'custom' : from || to ? ((from ? presetOf.get(from) : undefined) ?? 'custom') : 'any';
  const [custom, setCustom] = useState({ from: toLocalInput(from), to: toLocalInput(to) });
  const [open, setOpenState] = useState(false);
  const setOpen = (o: boolean) => {
    setOpenState(o);
    if (!o) setChoosingCustom(false);
  };
  const customError = custom.from && custom.to && custom.from >= custom.to ? 'From must be before To' : null;

  const pick = (value: string | null) => {
    const p = (value ?? 'any') as Preset;
    if (p === 'custom') {
      setCustom({ from: toLocalInput(from), to: toLocalInput(to) });
      setChoosingCustom(true);
      return setOpenState(true);
    }
    const span = PRESETS[p];
    const createdFrom = span === null ? null : new Date(Date.now() - span).toISOString();
    if (createdFrom) presetOf.set(createdFrom, p);
    onChange({ createdFrom, createdTo: null });
  };

  return (
    <Popover opened={open} onChange={setOpen} position="bottom-start" withArrow trapFocus>
      <Popover.Target>
        <Select
          aria-label="Created"
          data={[
            { value: 'any', label: 'Created: any time' },
            { value: '24h', label: 'Created: last 24 h' },
            { value: '7d', label: 'Created: last 7 days' },
            { value: 'custom', label: 'Created: custom range…' },
          ]}
          value={preset}
          onChange={pick}
          onClick={() => preset === 'custom' && setOpen(true)}
          allowDeselect={false}
          w={210}
          data-testid="filter-created"
        />
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" data-testid="created-range">
          <Text size="sm" fw={600}>
            Created between
          </Text>
          <Group gap="xs" align="flex-start">
            <TextInput type="datetime-local" label="From" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.currentTarget.value })} />
            <TextInput type="datetime-local" label="To" value={custom.to} error={customError} onChange={(e) => setCustom({ ...custom, to: e.currentTarget.value })} />
          </Group>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              disabled={!!customError || (!custom.from && !custom.to)}
              onClick={() => {
                onChange({ createdFrom: fromLocalInput(custom.from), createdTo: fromLocalInput(custom.to) });
                setOpen(false);
              }}
              data-testid="apply-range"
            >
              Apply
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
