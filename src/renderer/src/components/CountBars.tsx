import { Text } from '@mantine/core';

/**
 * Horizontal bars, one per value, longest first as given. Plain boxes: a handful of peer versions
 * does not need a charting library.
 */
export function CountBars({ data, color, label }: { data: { value: string; count: number }[]; color: string; label: string }) {
  const max = Math.max(1, ...data.map((d) => d.count));
  return (
    <div role="list" aria-label={label} style={{ display: 'grid', gridTemplateColumns: 'minmax(60px, 110px) 1fr auto', gap: '4px 8px', alignItems: 'center' }}>
      {data.map((d) => (
        <div role="listitem" key={d.value} style={{ display: 'contents' }} title={`${d.value}: ${d.count}`}>
          <Text size="xs" truncate>
            {d.value || '(none)'}
          </Text>
          <div style={{ height: 14, width: `${(d.count / max) * 100}%`, minWidth: 2, background: color, borderRadius: 2 }} />
          <Text size="xs" c="dimmed" ta="right">
            {d.count}
          </Text>
        </div>
      ))}
    </div>
  );
}
