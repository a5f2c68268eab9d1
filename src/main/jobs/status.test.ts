import { describe, expect, it } from 'vitest';
import { GroupJobState } from '../manager-client/wire-format';
import { isStuck, jobStatus, STUCK_AFTER_MS } from './status';

const result = (state: string, jobStates: Record<string, unknown>[]) =>
  GroupJobState.parse({ group_uuid: 'g', state, created_at: '', updated_at: '', job_states: jobStates });

const task = (state: string, extra: Record<string, unknown> = {}) => ({ task_uuid: 't', task_name: 'preheat', state, results: null, error: '', ...extra });

describe('status model', () => {
  it('pending covers every non-terminal manager state', () => {
    for (const state of ['PENDING', 'RECEIVED', 'STARTED', 'RETRY']) expect(jobStatus({ state, result: null })).toBe('pending');
  });

  it('SUCCESS without failed peers is succeeded', () => {
    const r = result('SUCCESS', [task('SUCCESS', { results: [{ success_tasks: [{ url: 'u', hostname: 'h', ip: '1' }], failure_tasks: null }] })]);
    expect(jobStatus({ state: 'SUCCESS', result: r })).toBe('succeeded');
  });

  it('SUCCESS with failure_tasks is partially succeeded', () => {
    const r = result('SUCCESS', [
      task('SUCCESS', { results: [{ success_tasks: null, failure_tasks: [{ url: 'u', hostname: 'h', ip: '1', description: 'x' }] }] }),
    ]);
    expect(jobStatus({ state: 'SUCCESS', result: r })).toBe('partial');
  });

  it('SUCCESS that no peer confirmed is unconfirmed: what a real single_seed_peer preheat of an unreachable URL gives', () => {
    // Verbatim from a real v2.5.1 manager with a dfdaemon 1.4.2 seed (docs/real-manager-transcript.md §18).
    const r = result('SUCCESS', [task('SUCCESS', { results: [{ failure_tasks: null, scheduler_cluster_id: 1, success_tasks: null }] })]);
    expect(jobStatus({ state: 'SUCCESS', result: r })).toBe('unconfirmed');
  });

  it('FAILURE with error text is failed', () => {
    const r = result('FAILURE', [task('FAILURE', { error: 'cluster 1 scheduler 10.0.0.1 no available seed peer' })]);
    expect(jobStatus({ state: 'FAILURE', result: r })).toBe('failed');
  });

  it('FAILURE while result.state is still PENDING and no error is timed out', () => {
    expect(jobStatus({ state: 'FAILURE', result: result('PENDING', [task('PENDING')]) })).toBe('timed_out');
    expect(jobStatus({ state: 'FAILURE', result: result('', []) })).toBe('timed_out');
  });

  it('reads the top-level state, not result.state', () => {
    // The console would call this pending forever; the manager has given up.
    expect(jobStatus({ state: 'FAILURE', result: result('PENDING', [task('STARTED')]) })).toBe('timed_out');
    expect(jobStatus({ state: 'PENDING', result: result('SUCCESS', [task('SUCCESS')]) })).toBe('pending');
  });

  it('a FAILURE group with a failed task but an empty error is failed, not timed out', () => {
    expect(jobStatus({ state: 'FAILURE', result: result('FAILURE', [task('FAILURE')]) })).toBe('failed');
  });

  it('anything else is unknown', () => {
    expect(jobStatus({ state: 'CANCELLED', result: null })).toBe('unknown');
  });

  it('marks pending jobs stuck past 65 minutes only', () => {
    expect(isStuck('pending', 0, STUCK_AFTER_MS + 1)).toBe(true);
    expect(isStuck('pending', 0, STUCK_AFTER_MS - 1)).toBe(false);
    expect(isStuck('failed', 0, STUCK_AFTER_MS * 2)).toBe(false);
  });
});
