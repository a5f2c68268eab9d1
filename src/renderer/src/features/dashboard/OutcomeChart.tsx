import { Group, Text } from '@mantine/core';
import { memo, useMemo } from 'react';
import type { OutcomeBucket, OutcomeCounts, OutcomeRange } from '@shared/dashboard';

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function bucketLabel(startIso: string, range: OutcomeRange): string {
  const d = new Date(startIso);
  if (range === '24h') return `${pad(d.getHours())}:00`;
  if (range === '7d') return `${DAYS[d.getDay()]} ${pad(d.getHours())}h`;
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Bottom of each bar first. */
export const OUTCOME_SERIES: { name: keyof OutcomeCounts; label: string; color: string }[] = [
  { name: 'succeeded', label: 'Succeeded', color: 'var(--mantine-color-teal-5)' },
  { name: 'partial', label: 'Partially succeeded', color: 'var(--mantine-color-orange-5)' },
  { name: 'unconfirmed', label: 'No peer confirmed', color: 'var(--mantine-color-yellow-6)' },
  { name: 'failed', label: 'Failed', color: 'var(--mantine-color-red-6)' },
  { name: 'timed_out', label: 'Timed out', color: 'var(--mantine-color-grape-6)' },
];

const PLOT_HEIGHT = 160;

/** About eight labels whatever the number of buckets, so they never overlap. */
const labelStep = (n: number) => Math.max(1, Math.ceil(n / 8));

/**
 * Preheat outcomes of every manager over the range, stacked per bucket. Plain flex boxes that take
 * the card's width: a charting library would be most of the overview's JavaScript. Memoised so a
 * keystroke in the cluster search does not redraw it.
 */
export const OutcomeChart = memo(function OutcomeChart({ series, range }: { series: OutcomeBucket[]; range: OutcomeRange }) {
  const bars = useMemo(() => {
    const max = Math.max(1, ...series.map((b) => OUTCOME_SERIES.reduce((s, o) => s + b[o.name], 0)));
    const step = labelStep(series.length);
    return series.map((b, i) => {
      const label = bucketLabel(b.start, range);
      const title = `${label}: ${OUTCOME_SERIES.map((o) => `${b[o.name]} ${o.label.toLowerCase()}`).join(', ')}`;
      return (
        <div key={b.start} title={title} style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <div style={{ height: PLOT_HEIGHT, display: 'flex', flexDirection: 'column-reverse', padding: '0 10%', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
            {OUTCOME_SERIES.map((o) => (b[o.name] > 0 ? <div key={o.name} style={{ height: `${(b[o.name] / max) * 100}%`, background: o.color }} /> : null))}
          </div>
          <Text size="10px" c="dimmed" ta="center" style={{ whiteSpace: 'nowrap', overflow: 'visible', height: 14 }}>
            {i % step === 0 ? label : ''}
          </Text>
        </div>
      );
    });
  }, [series, range]);
  return (
    <div role="img" aria-label="Preheat outcomes over time">
      <div style={{ display: 'flex', alignItems: 'flex-end' }}>{bars}</div>
      <Group gap="md" justify="center" mt={4}>
        {OUTCOME_SERIES.map((o) => (
          <Group key={o.name} gap={4} wrap="nowrap">
            <span style={{ width: 10, height: 10, borderRadius: 2, background: o.color, display: 'inline-block' }} />
            <Text size="xs">{o.label}</Text>
          </Group>
        ))}
      </Group>
    </div>
  );
});
