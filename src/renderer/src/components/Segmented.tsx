import type { KeyboardEvent } from 'react';
import classes from './Segmented.module.css';

interface SegmentedProps<T extends string> {
  value: T;
  onChange: (value: T) => void;
  data: readonly { value: T; label: string }[];
  /** What is being chosen, for assistive technology. */
  label: string;
  testId?: string;
}

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * A choice among a few, a radio group that looks like Mantine's SegmentedControl without its sliding
 * indicator: the indicator measures the page as it mounts (getBoundingClientRect), which laid the whole
 * overview out in the middle of a cold start's first render (43–82 ms of it, CPU profile 2026-12-02).
 * Arrow keys move the choice, as in any radio group.
 */
export function Segmented<T extends string>({ value, onChange, data, label, testId }: SegmentedProps<T>) {
  const step = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const by = STEP[e.key];
    if (!by) return;
    e.preventDefault();
    const next = (i + by + data.length) % data.length;
    onChange(data[next]!.value);
    (e.currentTarget.parentElement?.children[next] as HTMLElement | undefined)?.focus();
  };
  return (
    <div role="radiogroup" aria-label={label} className={classes.root} data-testid={testId}>
      {data.map((d, i) => (
        <button
          key={d.value}
          type="button"
          role="radio"
          aria-checked={d.value === value}
          tabIndex={d.value === value ? 0 : -1}
          className={classes.item}
          onClick={() => onChange(d.value)}
          onKeyDown={(e) => step(e, i)}
        >
          {d.label}
        </button>
      ))}
    </div>
  );
}
