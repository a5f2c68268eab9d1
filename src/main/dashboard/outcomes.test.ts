import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../shared/models';
import { aggregateOutcomes } from './outcomes';

const NOW = Date.parse('2026-11-26T12:30:00Z');
const H = 3600_000;
const job = (managerId: string, status: JobStatus, hoursAgo: number, clusterIds: number[] | null = [1]) => ({ managerId, status, createdMs: NOW - hoursAgo * H, clusterIds });

describe('preheat outcomes', () => {
  it('counts finished jobs per outcome in hourly buckets over 24 h, leaving pending and unknown out', () => {
    const o = aggregateOutcomes(
      [job('eu', 'succeeded', 0.1), job('eu', 'failed', 0.2), job('eu', 'partial', 5), job('eu', 'unconfirmed', 6), job('us', 'timed_out', 23), job('us', 'pending', 0.1), job('us', 'unknown', 1), job('eu', 'failed', 30)],
      '24h',
      NOW,
    );
    expect(o.totals).toEqual({ succeeded: 1, partial: 1, unconfirmed: 1, failed: 1, timed_out: 1 });
    expect(o.series).toHaveLength(24);
    // Buckets end at the next whole hour: the newest holds 12:00–13:00.
    expect(o.series.at(-1)).toEqual({ start: '2026-11-26T12:00:00.000Z', succeeded: 1, partial: 0, unconfirmed: 0, failed: 1, timed_out: 0 });
    expect(o.series[0]!.start).toBe('2026-11-25T13:00:00.000Z');
    expect(o.byManager24h.get('eu')).toEqual({ succeeded: 1, partial: 1, unconfirmed: 1, failed: 1, timed_out: 0 });
    expect(o.byManager24h.get('us')).toEqual({ succeeded: 0, partial: 0, unconfirmed: 0, failed: 0, timed_out: 1 });
  });

  it('counts a job once under every cluster it targeted, and not per cluster when its targets are unknown', () => {
    const o = aggregateOutcomes([job('eu', 'failed', 1, [1, 2]), job('eu', 'succeeded', 1, null), job('us', 'failed', 1, [1])], '24h', NOW);
    expect(o.byCluster.get('eu:1')!.counts.failed).toBe(1);
    expect(o.byCluster.get('eu:2')!.counts.failed).toBe(1);
    expect(o.byCluster.get('us:1')!.counts.failed).toBe(1);
    expect(o.totals).toEqual({ succeeded: 1, partial: 0, unconfirmed: 0, failed: 2, timed_out: 0 });
  });

  it('uses 6-hour buckets over 7 days and daily ones over 30, while the cards keep 24 h', () => {
    const jobs = [job('eu', 'failed', 1), job('eu', 'failed', 100), job('eu', 'succeeded', 24 * 20)];
    const week = aggregateOutcomes(jobs, '7d', NOW);
    expect(week.series).toHaveLength(28);
    expect(week.totals.failed).toBe(2);
    expect(week.totals.succeeded).toBe(0);
    const month = aggregateOutcomes(jobs, '30d', NOW);
    expect(month.series).toHaveLength(30);
    expect(month.totals).toEqual({ succeeded: 1, partial: 0, unconfirmed: 0, failed: 2, timed_out: 0 });
    expect(month.byManager24h.get('eu')).toEqual({ succeeded: 0, partial: 0, unconfirmed: 0, failed: 1, timed_out: 0 });
  });
});
