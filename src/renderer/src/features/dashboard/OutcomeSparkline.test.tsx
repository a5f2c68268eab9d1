import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OutcomeSparkline } from './OutcomeSparkline';

const bars = (svg: Element) => [...svg.querySelectorAll('path')].map((p) => ({ fill: p.getAttribute('fill'), d: p.getAttribute('d') }));

describe('OutcomeSparkline', () => {
  it('draws each outcome as one path of its buckets, stacked from the failures up, scaled to the busiest bucket', () => {
    // 4 buckets of 33 px: 2 succeeded in the first; 1 failed and 1 succeeded in the third.
    const { container } = render(
      <OutcomeSparkline
        width={132}
        height={26}
        series={[
          [2, 0, 0, 0, 0],
          [0, 0, 0, 0, 0],
          [1, 0, 0, 1, 0],
          [0, 0, 0, 0, 0],
        ]}
      />,
    );
    expect(bars(container.querySelector('svg')!)).toEqual([
      // The failure sits at the bottom of its bar: half the busiest bucket's 24 px.
      { fill: 'var(--mantine-color-red-6)', d: 'M66.5 14h32v12h-32z' },
      { fill: 'var(--mantine-color-teal-5)', d: 'M0.5 2h32v24h-32zM66.5 2h32v12h-32z' },
    ]);
  });

  it('draws no bar for a range with no outcome', () => {
    const { container } = render(<OutcomeSparkline series={[[0, 0, 0, 0, 0]]} />);
    expect(container.querySelectorAll('path')).toHaveLength(0);
    expect(container.querySelector('svg')!.getAttribute('aria-label')).toBe('Preheat outcomes over time');
  });
});
