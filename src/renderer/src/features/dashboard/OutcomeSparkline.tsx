import type { ClusterTile } from '@shared/dashboard';

/** Index into a bucket tuple [succeeded, partial, unconfirmed, failed, timed out], bottom of the bar first. */
const ORDER = [
  [3, 'var(--mantine-color-red-6)'],
  [4, 'var(--mantine-color-grape-6)'],
  [2, 'var(--mantine-color-yellow-6)'],
  [1, 'var(--mantine-color-orange-5)'],
  [0, 'var(--mantine-color-teal-5)'],
] as const;

/**
 * A cluster's outcomes over the range as tiny stacked bars. Plain SVG: a fleet has a thousand of
 * these on screen, a charting library per tile would not keep up.
 */
export function OutcomeSparkline({ series, width = 132, height = 26 }: { series: ClusterTile['series']; width?: number; height?: number }) {
  const totals = series.map((b) => b[0] + b[1] + b[2] + b[3] + b[4]);
  const max = Math.max(1, ...totals);
  const w = width / Math.max(1, series.length);
  return (
    <svg width={width} height={height} role="img" aria-label="Preheat outcomes over time" style={{ display: 'block' }}>
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--mantine-color-default-border)" />
      {series.map((b, i) => {
        let y = height;
        return ORDER.map(([key, color]) => {
          const h = (b[key] / max) * (height - 2);
          if (h <= 0) return null;
          y -= h;
          return <rect key={`${i}-${key}`} x={i * w + 0.5} y={y} width={Math.max(1, w - 1)} height={h} fill={color} />;
        });
      })}
    </svg>
  );
}
