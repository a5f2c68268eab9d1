import { memo } from 'react';
import type { FailureEntry } from '@shared/models';
import { dateTime } from '@renderer/lib/format';
import { KIND_HELP, KIND_LABEL, SEEN_AT_START } from './kinds';
import table from '@renderer/components/VirtualTable.module.css';
import classes from './FailuresPage.module.css';

export const FAILURE_ROW_HEIGHT = 36;

interface Props {
  entry: FailureEntry | undefined;
  top: number;
  selected: boolean;
  open: boolean;
  onToggle(e: FailureEntry): void;
  onOpen(e: FailureEntry): void;
}

/** One log line. Plain elements only: a tail that grows by hundreds of lines a second re-renders these. */
export const FailureRow = memo(function FailureRow({ entry, top, selected, open, onToggle, onOpen }: Props) {
  const style = { top, height: FAILURE_ROW_HEIGHT };
  if (!entry) {
    return (
      <div style={style} className={classes.row}>
        <span className={table.dim}>…</span>
      </div>
    );
  }
  const peer = entry.hostname ? `${entry.hostname}${entry.ip ? ` (${entry.ip})` : ''}` : entry.ip || '-';
  return (
    <div
      style={style}
      className={classes.row}
      role="row"
      aria-rowindex={Math.round(top / FAILURE_ROW_HEIGHT) + 2}
      tabIndex={0}
      data-testid="failure-row"
      data-open={open}
      data-entry={entry.id}
      onClick={() => onOpen(entry)}
      onKeyDown={(e) => e.key === 'Enter' && onOpen(entry)}
    >
      <div role="gridcell" className={table.cell}>
        <input
          type="checkbox"
          aria-label={`Select failure ${entry.id}`}
          checked={selected}
          onClick={(e) => e.stopPropagation()}
          onChange={() => onToggle(entry)}
        />
      </div>
      <div role="gridcell" className={`${table.cell} ${table.mono}`} title={entry.at}>
        {dateTime(entry.at)}
        {entry.seenAtStart && (
          <span className={classes.atStart} title={`Seen at start: ${SEEN_AT_START}`} data-testid="seen-at-start">
            at start
          </span>
        )}
      </div>
      <div role="gridcell" className={table.cell} title={entry.managerName}>
        {entry.managerName}
      </div>
      <div role="gridcell" className={table.cell} title={entry.cluster ? `cluster #${entry.cluster.id}` : 'cluster unknown'}>
        {entry.cluster ? (entry.cluster.name ?? `#${entry.cluster.id}`) : '-'}
      </div>
      <div role="gridcell" className={`${table.cell} ${table.mono}`} title={entry.jobDescription || undefined}>
        #{entry.jobId}
      </div>
      <div role="gridcell" className={table.cell}>
        <span className={classes.kind} data-kind={entry.kind} title={KIND_HELP[entry.kind]}>
          {KIND_LABEL[entry.kind]}
        </span>
      </div>
      <div role="gridcell" className={`${table.cell} ${table.mono}`} title={peer}>
        {peer}
      </div>
      <div role="gridcell" className={table.cell} title={entry.text} data-col="text">
        {entry.text}
      </div>
    </div>
  );
});
