import { Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import table from './VirtualTable.module.css';

/** A column that sorts: which way it sorts now (null: another column sorts), and what a click does. */
export interface SortableColumn {
  label: string;
  sort: { direction: 'ascending' | 'descending' | null; onSort(): void };
}

export type HeadColumn = string | SortableColumn | { label: string; content: ReactNode };

const caption = (label: string) => (
  <Text size="xs" fw={700} tt="uppercase" c="dimmed" span>
    {label}
  </Text>
);

/**
 * The header row of a virtualized table (a grid for assistive technology); `rowClassName` brings the
 * feature's grid columns. A sortable column is a button that says its order with aria-sort.
 */
export function TableHead({ columns, rowClassName }: { columns: HeadColumn[]; rowClassName: string | undefined }) {
  return (
    <div className={`${rowClassName ?? ''} ${table.head}`} role="row" aria-rowindex={1}>
      {columns.map((c, i) => {
        if (typeof c === 'string') {
          return (
            <div key={i} className={table.cell} role="columnheader">
              {c ? caption(c) : <VisuallyHidden>Select</VisuallyHidden>}
            </div>
          );
        }
        if ('content' in c) {
          return (
            <div key={i} className={table.cell} role="columnheader" aria-label={c.label}>
              {c.content}
            </div>
          );
        }
        const { direction, onSort } = c.sort;
        return (
          <div key={i} className={table.cell} role="columnheader" aria-sort={direction ?? 'none'}>
            <UnstyledButton onClick={onSort} className={table.sortButton} data-testid={`sort-${c.label.toLowerCase()}`}>
              {caption(c.label)}
              <span aria-hidden className={table.sortMark}>
                {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
              </span>
            </UnstyledButton>
          </div>
        );
      })}
    </div>
  );
}
