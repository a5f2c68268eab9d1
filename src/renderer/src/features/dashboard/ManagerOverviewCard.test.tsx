import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ManagerOverview } from '@shared/dashboard';
import { theme } from '@renderer/app/theme';
import { ManagerOverviewCard } from './ManagerOverviewCard';

const overview = (outcomesLoading: boolean): ManagerOverview => ({
  managerId: 'm1',
  managerName: 'prod-eu',
  loaded: true,
  refreshing: false,
  error: null,
  fetchedAt: '2026-12-02T00:00:00.000Z',
  latencyMs: 3,
  clusters: 2,
  schedulers: null,
  seedPeers: null,
  peers: null,
  hidden: null,
  pending: 1,
  outcomes24h: { succeeded: 0, partial: 0, unconfirmed: 0, failed: 0, timed_out: 0 },
  outcomesLoading,
});

const show = (m: ManagerOverview) =>
  render(
    <MantineProvider env="test" theme={theme}>
      <ManagerOverviewCard m={m} now={Date.parse('2026-12-02T00:01:00.000Z')} />
    </MantineProvider>,
  );

describe('a manager\'s card', () => {
  it('withholds the 24 h outcomes while the last day is still being read, instead of showing zeros', () => {
    show(overview(true));
    const outcomes = screen.getByTestId('overview-outcomes');
    expect(outcomes.textContent).toContain('still reading the last day\'s jobs');
    expect(outcomes.textContent).not.toContain('succeeded');
  });

  it('shows the counts once the day is read', () => {
    show(overview(false));
    expect(screen.getByTestId('overview-outcomes').textContent).toMatch(/0 succeeded.*0 failed/);
    expect(screen.queryByTestId('overview-outcomes-loading')).toBeNull();
  });
});
