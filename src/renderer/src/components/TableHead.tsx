import { Text } from '@mantine/core';
import table from './VirtualTable.module.css';

/** The header row of a virtualized table; `rowClassName` brings the feature's grid columns. */
export function TableHead({ columns, rowClassName }: { columns: string[]; rowClassName: string | undefined }) {
  return (
    <div className={`${rowClassName ?? ''} ${table.head}`} role="row">
      {columns.map((h, i) => (
        <div key={i} className={table.cell}>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            {h}
          </Text>
        </div>
      ))}
    </div>
  );
}
