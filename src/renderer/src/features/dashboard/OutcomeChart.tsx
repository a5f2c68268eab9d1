import { BarChart } from '@mantine/charts';
import { memo, useMemo } from 'react';
import type { OutcomeBucket, OutcomeRange } from '@shared/dashboard';

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function bucketLabel(startIso: string, range: OutcomeRange): string {
  const d = new Date(startIso);
  if (range === '24h') return `${pad(d.getHours())}:00`;
  if (range === '7d') return `${DAYS[d.getDay()]} ${pad(d.getHours())}h`;
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const OUTCOME_SERIES = [
  { name: 'succeeded', label: 'Succeeded', color: 'teal.5' },
  { name: 'partial', label: 'Partially succeeded', color: 'orange.5' },
  { name: 'unconfirmed', label: 'No peer confirmed', color: 'yellow.6' },
  { name: 'failed', label: 'Failed', color: 'red.6' },
  { name: 'timed_out', label: 'Timed out', color: 'grape.6' },
];

/**
 * Preheat outcomes of every manager over the range, stacked per bucket. Memoised: the chart is the
 * costliest thing on the page and must not redraw on every keystroke in the cluster search.
 */
export const OutcomeChart = memo(function OutcomeChart({ series, range }: { series: OutcomeBucket[]; range: OutcomeRange }) {
  const data = useMemo(() => series.map((b) => ({ ...b, label: bucketLabel(b.start, range) })), [series, range]);
  return <BarChart h={200} data={data} dataKey="label" type="stacked" series={OUTCOME_SERIES} withLegend legendProps={{ verticalAlign: 'bottom' }} tickLine="y" />;
});
