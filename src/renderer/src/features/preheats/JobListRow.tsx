import { memo } from 'react';
import type { JobRow } from '@shared/models';
import { dateTime, duration } from '@renderer/lib/format';
import { STATUS_LABEL } from './status';
import table from '@renderer/components/VirtualTable.module.css';
import classes from './PreheatsPage.module.css';

export const ROW_HEIGHT = 44;

function clustersText(row: JobRow): string {
  if (!row.clusters) return '…';
  if (row.clusters.length === 0) return '-';
  return row.clusters.map((c) => c.name ?? `#${c.id}`).join(', ');
}

interface Props {
  row: JobRow | undefined;
  /** Its position in the list, from 0 (the header row is 1 for assistive technology). */
  index: number;
  top: number;
  now: number;
  selected: boolean;
  onOpen(r: JobRow): void;
  onToggle(r: JobRow): void;
}

/**
 * One row of the merged list. Plain elements and CSS only: tens of rows re-render on every scroll
 * frame and keystroke, so no tooltips or themed components here (titles carry the full text).
 */
export const JobListRow = memo(function JobListRow({ row, index, top, now, selected, onOpen, onToggle }: Props) {
  const style = { top, height: ROW_HEIGHT };
  if (!row) {
    return (
      <div style={style} className={`${classes.row} ${classes.placeholder}`} role="row" aria-rowindex={index + 2}>
        <span className={table.dim} role="gridcell">
          …
        </span>
      </div>
    );
  }
  const running = row.durationMs === null;
  return (
    <div
      style={style}
      className={classes.row}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={0}
      data-testid="job-row"
      data-job={`${row.managerName}:${row.id}`}
      onClick={() => onOpen(row)}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter') onOpen(row);
        if (e.key === ' ') {
          e.preventDefault();
          onToggle(row);
        }
      }}
    >
      <div className={table.cell} role="gridcell" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          className={table.check}
          checked={selected}
          onChange={() => onToggle(row)}
          aria-label={`Select preheat #${row.id} on ${row.managerName}`}
          data-testid="job-select"
        />
      </div>
      <div className={table.cell} role="gridcell" data-col="status">
        <span className={classes.pill} data-status={row.status}>
          {STATUS_LABEL[row.status]}
        </span>
        {row.stuck && (
          <span className={classes.flag} title="Pending for more than 65 minutes: the manager stopped watching it">
            stuck
          </span>
        )}
        {row.gone && (
          <span className={classes.flag} title="The manager no longer has this job (deleted or garbage-collected)">
            gone
          </span>
        )}
      </div>
      <div className={`${table.cell} ${table.mono}`} role="gridcell" data-col="id">
        #{row.id}
      </div>
      <div className={table.cell} role="gridcell" data-col="manager">
        {row.managerName}
      </div>
      <div className={`${table.cell} ${row.clusters ? '' : table.dim}`} role="gridcell" data-col="clusters" title={clustersText(row)}>
        {clustersText(row)}
      </div>
      <div className={table.cell} role="gridcell" data-col="type">
        {row.kind === 'unknown' ? '-' : row.kind === 'image' ? 'Image' : 'File'}
      </div>
      <div className={`${table.cell} ${table.mono}`} role="gridcell" data-col="url" title={row.urls.join('\n')}>
        {row.urls[0] ?? '-'}
        {row.urls.length > 1 ? ` (+${row.urls.length - 1})` : ''}
      </div>
      <div className={`${table.cell} ${row.description ? '' : table.dim}`} role="gridcell" data-col="description" title={row.description}>
        {row.description || '-'}
      </div>
      <div className={table.cell} role="gridcell" data-col="created">
        {dateTime(row.createdAt)}
      </div>
      <div className={table.cell} role="gridcell" data-col="duration">
        {running ? `${duration(now - Date.parse(row.createdAt))}…` : duration(row.durationMs)}
      </div>
    </div>
  );
});
