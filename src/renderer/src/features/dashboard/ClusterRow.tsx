import { memo } from 'react';
import type { ClusterTile } from '@shared/dashboard';
import { ago, count } from '@renderer/lib/format';
import { OutcomeSparkline } from './OutcomeSparkline';
import classes from './ClusterTable.module.css';

export const CLUSTER_ROW_HEIGHT = 64;

function scopesText(t: ClusterTile): string {
  const s = t.scopes;
  const parts = [s.idc && `IDC ${s.idc}`, s.location && `location ${s.location}`, s.cidrs.length && `CIDRs ${s.cidrs.join(', ')}`, s.hostnames.length && `hosts ${s.hostnames.join(', ')}`];
  return parts.filter(Boolean).join(' · ') || 'no scopes';
}

interface Props {
  t: ClusterTile;
  top: number;
  now: number;
  onOpen(t: ClusterTile): void;
  onOpenJob(t: ClusterTile, jobId: number): void;
}

/** One cluster of the dashboard. Plain elements and CSS: a fleet has a thousand of these. */
export const ClusterRow = memo(function ClusterRow({ t, top, now, onOpen, onOpenJob }: Props) {
  const state = t.canPreheat === null ? 'unknown' : t.canPreheat ? 'ready' : 'cannot';
  const o = t.outcomes;
  const finished = o.succeeded + o.partial + o.failed + o.timed_out;
  return (
    <div
      style={{ top, height: CLUSTER_ROW_HEIGHT }}
      className={classes.row}
      role="row"
      aria-rowindex={Math.round(top / CLUSTER_ROW_HEIGHT) + 2}
      tabIndex={0}
      data-testid="cluster-row"
      data-cluster={`${t.managerName}:${t.id}`}
      onClick={() => onOpen(t)}
      onKeyDown={(e) => e.key === 'Enter' && onOpen(t)}
    >
      <div role="gridcell" className={classes.cell}>
        <div className={classes.line}>
          <b>{t.name}</b> <span className={classes.dim}>#{t.id}</span>
        </div>
        {t.isDefault && <div className={classes.dim}>default</div>}
      </div>
      <div role="gridcell" className={`${classes.cell} ${classes.line}`}>{t.managerName}</div>
      <div role="gridcell" className={classes.cell} data-col="preheat">
        <div className={classes.line}>
          <span className={classes.pill} data-state={state}>
            {state === 'ready' ? 'can preheat' : state === 'cannot' ? 'cannot preheat' : 'not visible'}
          </span>
          {t.warnings.length > 0 && (
            <span className={classes.pill} data-state="warning" title={t.warnings.join('\n')}>
              {t.warnings.length === 1 ? '1 warning' : `${t.warnings.length} warnings`}
            </span>
          )}
        </div>
        <div className={`${classes.dim} ${classes.line}`} title={[t.reason, ...t.warnings].filter(Boolean).join('\n')} data-col="reason">
          {t.reason ?? t.warnings[0] ?? ''}
        </div>
      </div>
      <div role="gridcell" className={classes.cell} title={t.schedulers ? `${t.schedulers.withPreheat} active with the preheat feature` : 'A token login cannot see schedulers'}>
        {t.schedulers ? `${t.schedulers.active}/${t.schedulers.total}` : '–'}
        {t.schedulers && <div className={classes.dim}>{t.schedulers.withPreheat} preheat</div>}
      </div>
      <div role="gridcell" className={classes.cell} data-col="seed-peers" title={t.seedPeersSeen.length ? `Seen confirming preheats in the last 24 h: ${t.seedPeersSeen.join(', ')}` : 'active / registered in the manager'}>
        {t.seedPeers ? `${t.seedPeers.active}/${t.seedPeers.total}` : '–'}
        {t.seedPeersSeen.length > 0 && <div className={classes.dim}>{t.seedPeersSeen.length} seen in preheats</div>}
      </div>
      <div role="gridcell" className={classes.cell}>
        {t.peers ? count(t.peers.total) : '–'}
        {t.peers && (
          <div className={`${classes.dim} ${classes.line}`} title={t.peers.lastSyncedAt ?? undefined}>
            {t.peers.lastSyncedAt ? `synced ${ago(t.peers.lastSyncedAt, now)}` : 'never synced'}
          </div>
        )}
      </div>
      <div role="gridcell" className={classes.cell} title="job_rate_limit: preheat creates per second">
        {t.jobRateLimit ?? '–'}/s
      </div>
      <div role="gridcell" className={`${classes.cell} ${classes.dim}`} title={scopesText(t)}>
        <div className={classes.line}>{[t.scopes.idc, t.scopes.location].filter(Boolean).join(' · ') || 'any IDC or location'}</div>
        <div className={classes.line}>{[...t.scopes.cidrs, ...t.scopes.hostnames].join(', ') || 'no CIDRs or hosts'}</div>
      </div>
      <div role="gridcell" className={classes.cell} title={`${o.succeeded} succeeded, ${o.partial} partial, ${o.failed} failed, ${o.timed_out} timed out`}>
        <OutcomeSparkline series={t.series} />
        <div className={`${classes.dim} ${classes.line}`} data-testid="cluster-outcomes">
          {t.outcomesLoading
            ? 'reading the last day…'
            : `${finished} done${o.failed + o.timed_out + o.partial > 0 ? ` · ${o.failed + o.timed_out} failed · ${o.partial} partial` : ''}`}
        </div>
      </div>
      <div role="gridcell" className={classes.cell} data-col="last-failure">
        {t.lastFailure ? (
          <>
            <a
              href="#"
              className={classes.failure}
              onClick={(e) => {
                e.preventDefault();
                e.stopPropagation();
                onOpenJob(t, t.lastFailure!.jobId);
              }}
              data-testid="last-failure"
            >
              job #{t.lastFailure.jobId}
            </a>{' '}
            <span className={classes.dim}>{ago(t.lastFailure.at, now)}</span>
            <div className={`${classes.dim} ${classes.line}`} title={t.lastFailure.text}>
              {t.lastFailure.text}
            </div>
          </>
        ) : (
          <span className={classes.dim}>none seen</span>
        )}
      </div>
    </div>
  );
});
