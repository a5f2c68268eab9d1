import { Alert, Badge, Card } from '@mantine/core';
import { memo } from 'react';
import type { ManagerOverview } from '@shared/dashboard';
import type { ManagerView } from '@shared/models';
import { useManagers } from '../managers/managers-store';
import { ago, count } from '@renderer/lib/format';
import classes from './ManagerOverviewCard.module.css';

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div title={hint} data-testid={testId}>
      <div className={classes.label}>{label}</div>
      <div className={classes.value}>{value}</div>
    </div>
  );
}

function loginLine(view: ManagerView | undefined): string {
  if (!view) return '';
  if (view.auth.kind === 'pat') return `Personal access token${view.auth.tokenExpiresAt ? `, expires ${view.auth.tokenExpiresAt.slice(0, 10)}` : ', expiry unknown'}`;
  const roles = view.lastReport?.roles;
  return `${view.auth.username} (${roles?.length ? roles.join(', ') : 'role not checked yet'}), signed in with a password`;
}

/**
 * One manager at a glance: reachable, how fast, what it runs, who is signed in, what it has, how preheats went.
 * Its login and the watcher's warnings are read here, by manager: the watcher reports every few seconds,
 * and only the card whose warnings changed renders again.
 */
export const ManagerOverviewCard = memo(function ManagerOverviewCard({ m, now }: { m: ManagerOverview; now: number }) {
  const view = useManagers((s) => s.managers.find((v) => v.id === m.managerId));
  const warnings = useManagers((s) => s.watch.find((w) => w.managerId === m.managerId)?.warnings);
  const state = !m.loaded ? 'loading' : m.error ? 'unreachable' : 'reachable';
  const color = state === 'loading' ? 'gray' : state === 'unreachable' ? 'red' : 'teal';
  const o = m.outcomes24h;
  const generation = view?.lastReport?.generation;
  return (
    <Card withBorder padding="sm" data-testid={`overview-${m.managerName}`}>
      <div className={classes.head}>
        <div className={classes.title}>
          <span className={classes.name}>{m.managerName}</span>
          <Badge color={color} variant="light" data-testid="overview-state">
            {state}
          </Badge>
        </div>
        <span className={classes.small}>{m.refreshing ? 'updating…' : m.fetchedAt ? `updated ${ago(m.fetchedAt, now)}` : ''}</span>
      </div>
      <div className={classes.small} data-testid="overview-login">
        {loginLine(view)}
        {generation ? ` · ${generation.label}` : ''}
        {m.latencyMs !== null && !m.error ? ` · ${Math.round(m.latencyMs)} ms` : ''}
      </div>
      {m.error && (
        <Alert color="red" variant="light" p="xs" mt="xs" data-testid="overview-error">
          {m.error}
          {m.fetchedAt ? ` (figures below are from ${ago(m.fetchedAt, now)})` : ''}
        </Alert>
      )}
      {warnings?.map((w) => (
        <Alert key={w} color="orange" variant="light" p="xs" mt="xs" data-testid="overview-warning">
          {w}
        </Alert>
      ))}
      <div className={classes.figures}>
        <Figure label="Clusters" value={m.clusters === null ? '–' : count(m.clusters)} testId="fig-clusters" />
        <Figure
          label="Schedulers"
          value={m.schedulers ? `${m.schedulers.active}/${m.schedulers.total}` : '–'}
          hint={m.schedulers ? `${m.schedulers.active} active of ${m.schedulers.total}; ${m.schedulers.withPreheat} active with the preheat feature` : undefined}
          testId="fig-schedulers"
        />
        <Figure label="Seed peers" value={m.seedPeers ? `${m.seedPeers.active}/${m.seedPeers.total}` : '–'} hint="active / total" testId="fig-seed-peers" />
        <Figure label="Peers" value={m.peers === null ? '–' : count(m.peers)} testId="fig-peers" />
      </div>
      {m.schedulers && (
        <div className={classes.small} style={{ marginTop: 2 }}>
          {m.schedulers.withPreheat} active scheduler{m.schedulers.withPreheat === 1 ? '' : 's'} with the preheat feature
        </div>
      )}
      {m.hidden && (
        <div className={classes.small} style={{ marginTop: 4 }} data-testid="overview-hidden">
          {m.hidden}
        </div>
      )}
      <div className={classes.outcomes} data-testid="overview-outcomes">
        <span>
          <b>{m.pending}</b> pending
        </span>
        <span className={classes.dim}>· 24 h:</span>
        {m.outcomesLoading ? (
          <span className={classes.loading} data-testid="overview-outcomes-loading">
            still reading the last day's jobs…
          </span>
        ) : (
          (
            [
              ['succeeded', o.succeeded, 'teal'],
              ['partial', o.partial, 'orange'],
              ['confirmed by no peer', o.unconfirmed, 'yellow'],
              ['failed', o.failed, 'red'],
              ['timed out', o.timed_out, 'grape'],
            ] as const
          ).map(([label, n, c]) => (
            <span key={label} style={{ color: `var(--mantine-color-${c}-text)` }} title={`${n} ${label} in the last 24 h`}>
              <b>{n}</b> {label}
            </span>
          ))
        )}
      </div>
    </Card>
  );
});
