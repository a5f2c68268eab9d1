import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';

interface Props {
  count: number;
  rowHeight: number;
  renderRow(index: number, style: CSSProperties): ReactNode;
  /** Called with the visible index range [start, end) whenever it changes. */
  onRange?(start: number, end: number): void;
  overscan?: number;
  testId?: string;
}

/**
 * Fixed-height row virtualization: only the rows in view (plus a margin) exist in the DOM, so lists
 * of 100,000 rows scroll as smoothly as lists of 100.
 */
export function VirtualList({ count, rowHeight, renderRow, onRange, overscan = 8, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setScrollTop(el.scrollTop));
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  const first = Math.floor(scrollTop / rowHeight);
  const visible = Math.ceil(height / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);

  useEffect(() => {
    onRange?.(Math.min(first, count), Math.min(count, first + visible));
  }, [first, visible, count, onRange]);

  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    rows.push(renderRow(i, { position: 'absolute', top: i * rowHeight, left: 0, right: 0, height: rowHeight }));
  }
  return (
    <div ref={ref} style={{ overflowY: 'auto', height: '100%', position: 'relative' }} data-testid={testId}>
      <div style={{ height: count * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
