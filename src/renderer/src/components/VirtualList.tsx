import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';

interface Props {
  count: number;
  rowHeight: number;
  renderRow(index: number, style: CSSProperties): ReactNode;
  /** Called with the visible index range [start, end) whenever it changes. */
  onRange?(start: number, end: number): void;
  overscan?: number;
  testId?: string;
  /** Keep the last row in view as rows are added (a log's tail). */
  followEnd?: boolean;
  /** The user scrolled away from the end while following. */
  onLeaveEnd?(): void;
}

/**
 * Fixed-height row virtualization: only the rows in view (plus a margin) exist in the DOM, so lists
 * of 100,000 rows scroll as smoothly as lists of 100. Kept over @tanstack/react-virtual, which
 * measured worse on the failure log (see the README's benchmark section).
 */
export function VirtualList({ count, rowHeight, renderRow, onRange, overscan = 8, testId, followEnd = false, onLeaveEnd }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const follow = useRef({ on: followEnd, leave: onLeaveEnd, rowHeight });
  useEffect(() => {
    follow.current = { on: followEnd, leave: onLeaveEnd, rowHeight };
  });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The observer's first call brings the height once layout has run. Read here, it forced the whole
    // page's first layout in the middle of the first render (65–105 ms of a cold start's overview).
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setScrollTop(el.scrollTop));
      // Scrolling up from the tail means the user wants to read: stop following.
      if (follow.current.on && el.scrollTop + el.clientHeight < el.scrollHeight - follow.current.rowHeight) follow.current.leave?.();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  // A layout effect: the scroll lands before the browser paints or fires a scroll event, so growth
  // never looks like the user scrolling up.
  useLayoutEffect(() => {
    const el = ref.current;
    if (followEnd && el) el.scrollTop = el.scrollHeight;
  }, [followEnd, count, height]);

  const first = Math.floor(scrollTop / rowHeight);
  const visible = Math.ceil(height / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);

  // Nothing to report while empty: a list mounts empty before its first answer, and an empty range
  // would make the store's first query differ from the one asked ahead of the page (first-screen.ts).
  useEffect(() => {
    if (count > 0) onRange?.(Math.min(first, count), Math.min(count, first + visible));
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
