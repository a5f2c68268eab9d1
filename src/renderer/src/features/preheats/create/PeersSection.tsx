import { Group, NumberInput, Radio, Select, Stack, TagsInput } from '@mantine/core';
import { LIMITS, type PreheatSpec } from '@shared/preheat-spec';
import { useCreatePreheat } from './create-store';
import { num, useFieldErrors } from './form-fields';
import { Section } from './Section';

/** Which peers download: the scope, the peers within it, and the piece length. */
export function PeersSection() {
  const scope = useCreatePreheat((s) => s.spec.scope);
  const selection = useCreatePreheat((s) => s.spec.selection);
  const pieceLengthMiB = useCreatePreheat((s) => s.spec.pieceLengthMiB);
  const update = useCreatePreheat((s) => s.update);
  const { err } = useFieldErrors();
  const peers = scope === 'all_peers' ? 'peers' : 'seed peers';
  return (
    <Section title="Peers">
      <Select
        label="Scope"
        data={[
          { value: 'single_seed_peer', label: 'Single seed peer: one seed peer per cluster downloads each URL' },
          { value: 'all_seed_peers', label: 'All seed peers: every seed peer in each cluster' },
          { value: 'all_peers', label: 'All peers: every peer in each cluster' },
        ]}
        value={scope}
        onChange={(v) =>
          update((s) => {
            s.scope = (v ?? 'single_seed_peer') as PreheatSpec['scope'];
            s.selection = { mode: 'all' };
          })
        }
        allowDeselect={false}
        data-testid="scope"
      />
      {scope !== 'single_seed_peer' && (
        <Stack gap="xs">
          <Radio.Group
            label={`Which ${peers}`}
            description={`Applied in each cluster separately: a count of 3 means 3 ${peers} in every chosen cluster.`}
            value={selection.mode}
            onChange={(mode) =>
              update((s) => {
                s.selection = mode === 'ips' ? { mode, ips: [] } : mode === 'count' ? { mode, count: 1 } : mode === 'percentage' ? { mode, percentage: 50 } : { mode: 'all' };
              })
            }
          >
            <Group mt={4}>
              <Radio value="all" label="All" />
              <Radio value="ips" label="IPs" />
              <Radio value="count" label="Count" />
              <Radio value="percentage" label="Percentage" />
            </Group>
          </Radio.Group>
          {selection.mode === 'ips' && (
            <TagsInput
              label={`IPs of the ${peers} (1 to ${LIMITS.ips[1]})`}
              description="Press Enter after each address. IPs found in only one cluster make the other clusters' part fail."
              placeholder="10.0.0.12"
              value={selection.ips}
              onChange={(ips) => update((s) => void (s.selection = { mode: 'ips', ips }))}
              acceptValueOnBlur
              splitChars={[',', ' ']}
              error={err('selection.ips')}
              data-testid="ips"
            />
          )}
          {selection.mode === 'count' && (
            <NumberInput
              label={`How many ${peers} (1 to 200)`}
              value={selection.count ?? ''}
              onChange={(v) => update((s) => void (s.selection = { mode: 'count', count: num(v) }))}
              allowDecimal={false}
              error={err('selection.count')}
            />
          )}
          {selection.mode === 'percentage' && (
            <NumberInput
              label={`Percentage of the ${peers} (1 to 100)`}
              suffix="%"
              value={selection.percentage ?? ''}
              onChange={(v) => update((s) => void (s.selection = { mode: 'percentage', percentage: num(v) }))}
              allowDecimal={false}
              error={err('selection.percentage')}
            />
          )}
        </Stack>
      )}
      <NumberInput
        label="Piece length (MiB)"
        description="Empty lets the manager choose from the content length (4 to 16 MiB). The manager accepts 4 to 64."
        placeholder="chosen by the manager"
        value={pieceLengthMiB ?? ''}
        onChange={(v) => update((s) => void (s.pieceLengthMiB = num(v)))}
        allowDecimal={false}
        error={err('pieceLengthMiB')}
      />
    </Section>
  );
}
