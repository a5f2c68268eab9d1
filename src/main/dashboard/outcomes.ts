import type { JobStatus } from '../../shared/models';
import type { OutcomeBucket, OutcomeCounts, OutcomeRange } from '../../shared/dashboard';

const HOUR = 3600_000;
const RANGES: Record<OutcomeRange, { buckets: number; bucketMs: number }> = {
  '24h': { buckets: 24, bucketMs: HOUR },
  '7d': { buckets: 28, bucketMs: 6 * HOUR },
  '30d': { buckets: 30, bucketMs: 24 * HOUR },
};
export const RANGE_MS = (r: OutcomeRange) => RANGES[r].buckets * RANGES[r].bucketMs;

type Outcome = keyof OutcomeCounts;
const OUTCOME: Partial<Record<JobStatus, Outcome>> = { succeeded: 'succeeded', partial: 'partial', unconfirmed: 'unconfirmed', failed: 'failed', timed_out: 'timed_out' };

export const zeroCounts = (): OutcomeCounts => ({ succeeded: 0, partial: 0, unconfirmed: 0, failed: 0, timed_out: 0 });

export interface JobOutcomeInput {
  managerId: string;
  status: JobStatus;
  createdMs: number;
  clusterIds: number[] | null;
}

export interface Outcomes {
  totals: OutcomeCounts;
  series: OutcomeBucket[];
  byCluster: Map<string, { counts: OutcomeCounts; series: OutcomeBucket[] }>;
  /** Always the last 24 h, whatever the range: the manager cards show it. */
  byManager24h: Map<string, OutcomeCounts>;
}

/**
 * Preheat outcomes over a range, bucketed by creation time: overall, per cluster (`managerId:clusterId`)
 * and per manager over 24 h. Pending and unknown jobs are not outcomes yet and are left out. Jobs are
 * added one at a time and only read while added, so a caller can pass a view that moves on.
 */
export function outcomeCounter(range: OutcomeRange, now: number): { add: (j: JobOutcomeInput) => void; out: Outcomes } {
  const { buckets, bucketMs } = RANGES[range];
  // Buckets end at the next whole bucket, so their edges do not move with every refresh.
  const end = Math.ceil(now / bucketMs) * bucketMs;
  const start = end - buckets * bucketMs;
  const emptySeries = () => Array.from({ length: buckets }, (_, i) => ({ start: new Date(start + i * bucketMs).toISOString(), ...zeroCounts() }));
  const out: Outcomes = { totals: zeroCounts(), series: emptySeries(), byCluster: new Map(), byManager24h: new Map() };
  const add = (j: JobOutcomeInput) => {
    const outcome = OUTCOME[j.status];
    if (!outcome) return;
    if (j.createdMs > now - 24 * HOUR && j.createdMs <= now) {
      let m = out.byManager24h.get(j.managerId);
      if (!m) out.byManager24h.set(j.managerId, (m = zeroCounts()));
      m[outcome]++;
    }
    if (j.createdMs < start || j.createdMs >= end) return;
    const b = Math.floor((j.createdMs - start) / bucketMs);
    out.totals[outcome]++;
    out.series[b]![outcome]++;
    for (const id of j.clusterIds ?? []) {
      const key = `${j.managerId}:${id}`;
      let c = out.byCluster.get(key);
      if (!c) out.byCluster.set(key, (c = { counts: zeroCounts(), series: emptySeries() }));
      c.counts[outcome]++;
      c.series[b]![outcome]++;
    }
  };
  return { add, out };
}

export function aggregateOutcomes(jobs: Iterable<JobOutcomeInput>, range: OutcomeRange, now: number): Outcomes {
  const counter = outcomeCounter(range, now);
  for (const j of jobs) counter.add(j);
  return counter.out;
}
