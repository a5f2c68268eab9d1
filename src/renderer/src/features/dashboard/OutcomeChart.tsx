import { memo, useMemo } from 'react';
import type { OutcomeBucket, OutcomeCounts, OutcomeRange } from '@shared/dashboard';
import classes from './OutcomeChart.module.css';

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
        <div key={b.start} title={title} className={classes.bucket}>
          <div className={classes.plot}>
            {OUTCOME_SERIES.map((o) => (b[o.name] > 0 ? <div key={o.name} style={{ height: `${(b[o.name] / max) * 100}%`, background: o.color }} /> : null))}
          </div>
          <div className={classes.tick}>{i % step === 0 ? label : ''}</div>
        </div>
      );
    });
  }, [series, range]);
  return (
    <div role="img" aria-label="Preheat outcomes over time">
      <div className={classes.bars}>{bars}</div>
      <div className={classes.legend}>
        {OUTCOME_SERIES.map((o) => (
          <span key={o.name} className={classes.key}>
            <span className={classes.swatch} style={{ background: o.color }} />
            {o.label}
          </span>
        ))}
      </div>
    </div>
  );
});
