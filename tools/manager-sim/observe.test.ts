import { describe, expect, it } from 'vitest';
import { POLL_OFFSETS_S } from './clock';
import type { SimJob, TaskOutcome } from './model';
import { observe } from './observe';

const T0 = Date.parse('2026-11-26T10:00:00Z');
const job = (outcome: TaskOutcome, doneAfterS: number, extra: Partial<SimJob> = {}): SimJob => ({
  id: 1,
  createdAt: T0,
  patchedAt: null,
  taskId: 'group_x',
  bio: '',
  type: 'preheat',
  args: {},
  userId: 0,
  clusterIds: [1],
  tasks: [{ clusterId: 1, taskUuid: 'task_x', outcome, doneAfterS }],
  pollerLostAt: null,
  ...extra,
});
const at = (s: number) => T0 + s * 1000;
const success: TaskOutcome = { kind: 'success', succeeded: [{ url: 'u', hostname: 'h', ip: '1' }], failed: [] };

describe('the simulated poller follows the manager schedule (manager-api.md §3.7)', () => {
  it('polls at 0, 30, 90, 210, 450, 750 s, then every 300 s, 16 times', () => {
    expect(POLL_OFFSETS_S).toEqual([0, 30, 90, 210, 450, 750, 1050, 1350, 1650, 1950, 2250, 2550, 2850, 3150, 3450, 3750]);
  });

  it('a job done at 100 s reads PENDING until the 210 s poll', () => {
    const j = job(success, 100);
    expect(observe(j, at(150)).state).toBe('PENDING');
    expect(observe(j, at(209)).state).toBe('PENDING');
    const done = observe(j, at(211));
    expect(done.state).toBe('SUCCESS');
    expect(done.updatedAt).toBe(at(210));
  });

  it('a failure shows its error at the next poll', () => {
    const seen = observe(job({ kind: 'failure', error: 'cluster 1 scheduler 10.0.0.1 no available seed peer' }, 2), at(31));
    expect(seen.state).toBe('FAILURE');
    expect((seen.result() as { job_states: { error: string }[] }).job_states[0]!.error).toBe('cluster 1 scheduler 10.0.0.1 no available seed peer');
  });

  it('a task nobody picks up is forced to FAILURE after the 16th poll, with result.state still PENDING', () => {
    const j = job({ kind: 'never' }, 0);
    expect(observe(j, at(3749)).state).toBe('PENDING');
    const gaveUp = observe(j, at(3751));
    expect(gaveUp.state).toBe('FAILURE');
    expect((gaveUp.result() as { state: string }).state).toBe('PENDING');
  });

  it('a lost poller (restart) freezes the job at its last poll forever', () => {
    const j = job(success, 100, { pollerLostAt: at(95) });
    expect(observe(j, at(10_000)).state).toBe('PENDING');
    expect(observe(j, at(10_000)).updatedAt).toBe(at(90));
  });
});
