import type { ClusterTile } from '@shared/dashboard';

/** Index into a bucket tuple [succeeded, partial, unconfirmed, failed, timed out], bottom of the bar first. */
const ORDER = [
  [3, 'var(--mantine-color-red-6)'],
  [4, 'var(--mantine-color-grape-6)'],
  [2, 'var(--mantine-color-yellow-6)'],
  [1, 'var(--mantine-color-orange-5)'],
  [0, 'var(--mantine-color-teal-5)'],
] as const;

const px = (n: number) => Math.round(n * 100) / 100;

/**
 * A cluster's outcomes over the range as tiny stacked bars. Plain SVG: a fleet has a thousand of
 * these on screen, a charting library per tile would not keep up. Each outcome is one path of every
 * bucket's segment: an element per segment made a row's sparkline about 30 elements (and React
 * fragments) instead of at most 5.
 */
export function OutcomeSparkline({ series, width = 132, height = 26 }: { series: ClusterTile['series']; width?: number; height?: number }) {
  const totals = series.map((b) => b[0] + b[1] + b[2] + b[3] + b[4]);
  const max = Math.max(1, ...totals);
  const w = width / Math.max(1, series.length);
  const barWidth = px(Math.max(1, w - 1));
  const paths: string[] = ORDER.map(() => '');
  series.forEach((b, i) => {
    let y = height;
    ORDER.forEach(([key], k) => {
      const h = (b[key] / max) * (height - 2);
      if (h <= 0) return;
      y -= h;
      paths[k] += `M${px(i * w + 0.5)} ${px(y)}h${barWidth}v${px(h)}h${-barWidth}z`;
    });
  });
  return (
    <svg width={width} height={height} role="img" aria-label="Preheat outcomes over time" style={{ display: 'block' }}>
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--mantine-color-default-border)" />
      {ORDER.map(([key, color], k) => paths[k] && <path key={key} d={paths[k]} fill={color} />)}
    </svg>
  );
}
