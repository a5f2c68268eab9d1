import { describe, expect, it } from 'vitest';
import type { JobDetail } from '../../shared/models';
import { failureEntries } from './entries';

const row = { id: 7, managerId: 'eu', managerName: 'prod-eu', status: 'failed', urls: ['https://f.example.com/a.bin'], description: 'nightly', clusters: [{ id: 1, name: 'c1' }] };

const detail = (patch: Partial<JobDetail>): JobDetail => ({ row, errorLog: [], peers: [], ...patch }) as unknown as JobDetail;

describe('failure entries of a finished job', () => {
  it('names the first failing peer of an "all peers preheat failed" error: IP, then hostname', () => {
    const error = 'all peers preheat failed: group_1 task_1 10.1.2.61 prod-eu-b-node-011 task 8b1c failed: connection refused';
    const [e] = failureEntries(detail({ errorLog: [{ cluster: { id: 1, name: 'c1' }, taskUuid: 't', taskState: 'FAILURE', error }] }), 'prod-eu', 'now');
    expect(e).toMatchObject({ kind: 'job_error', ip: '10.1.2.61', hostname: 'prod-eu-b-node-011', text: error, jobId: 7, cluster: { id: 1, name: 'c1' } });
  });

  it('leaves the peer empty when the error does not carry one', () => {
    const [e] = failureEntries(detail({ errorLog: [{ cluster: null, taskUuid: 't', taskState: 'FAILURE', error: 'all peers preheat failed: seed peer eu-seed-01 10.1.2.11 403' }] }), 'prod-eu', 'now');
    expect(e).toMatchObject({ hostname: '', ip: '' });
  });

  it('lists every failed peer, also inside a successful job, and a time-out without error text', () => {
    const peers = [
      { outcome: 'succeeded', url: 'u', hostname: 'ok', ip: '1', cluster: null, description: '' },
      { outcome: 'failed', url: 'u', hostname: 'bad', ip: '2', cluster: { id: 1, name: 'c1' }, description: '' },
    ];
    const ok = failureEntries(detail({ row: { ...row, status: 'partial' }, peers } as never), 'prod-eu', 'now');
    expect(ok).toEqual([expect.objectContaining({ kind: 'peer_failure', hostname: 'bad', text: 'failed (no description)' })]);
    const timedOut = failureEntries(detail({ row: { ...row, status: 'timed_out' } } as never), 'prod-eu', 'now');
    expect(timedOut).toEqual([expect.objectContaining({ kind: 'timeout', cluster: { id: 1, name: 'c1' } })]);
  });
});
