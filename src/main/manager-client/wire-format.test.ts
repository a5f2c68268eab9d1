import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cluster, Job, PreheatArgs } from './wire-format';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/jobs', name), 'utf8')) as Record<string, unknown>;

describe('manager job schema against the examples of manager-api.md §3.6', () => {
  it('reads the SUCCESS example with its per-peer results', () => {
    const job = Job.parse(fixture('success-partial.json'));
    expect(job.state).toBe('SUCCESS');
    expect(job.result?.job_states).toHaveLength(1);
    const r = job.result!.job_states[0]!.results[0]!;
    expect(r.scheduler_cluster_id).toBe(1);
    expect(r.success_tasks.map((t) => t.hostname)).toEqual(['seed-0', 'seed-0']);
    expect(r.failure_tasks[0]).toMatchObject({ hostname: 'seed-1', ip: '10.0.1.11' });
    expect(r.failure_tasks[0]!.description).toContain('DeadlineExceeded');
    expect(job.scheduler_clusters).toEqual([{ id: 1, name: 'cluster-1' }]);
    const args = PreheatArgs.parse(job.args);
    expect(args).toMatchObject({ type: 'image', scope: 'all_seed_peers', count: 2, password: 's3cret', timeout: 3600000000000 });
    expect(args.urls).toEqual([]);
  });

  it('reads the FAILURE example: error text, a null results list and a still-STARTED sibling', () => {
    const job = Job.parse({ created_at: '2026-08-20T09:00:00Z', updated_at: '2026-08-20T09:01:31Z', ...fixture('failure.json') });
    const [failed, started] = job.result!.job_states;
    expect(failed!.state).toBe('FAILURE');
    expect(failed!.error).toMatch(/^all peers preheat failed: /);
    expect(failed!.results).toEqual([]);
    expect(started!.state).toBe('STARTED');
    expect(job.user?.name).toBe('');
  });

  it('reads the timed-out example: FAILURE at the top, PENDING inside, no error', () => {
    const job = Job.parse({ id: 7, created_at: '2026-08-20T09:00:00Z', updated_at: '2026-08-20T10:02:30Z', ...fixture('timeout-fragment.json') });
    expect(job.state).toBe('FAILURE');
    expect(job.result?.state).toBe('PENDING');
    expect(job.result?.job_states[0]).toMatchObject({ state: 'PENDING', error: '', results: [] });
  });

  it('treats null and [] alike and tolerates the empty {} result before the first poll', () => {
    const job = Job.parse({ id: 1, created_at: 'x', updated_at: 'y', state: 'PENDING', result: {}, scheduler_clusters: null, args: null });
    expect(job.scheduler_clusters).toEqual([]);
    expect(job.result?.job_states).toEqual([]);
    expect(job.result?.state).toBe('');
  });

  it('rejects a job whose id is not a number, naming the field', () => {
    const parsed = Job.safeParse({ id: '12', created_at: 'x', updated_at: 'y' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['id']);
  });

  it('reads a cluster whose optional lists are null', () => {
    const c = Cluster.parse({ id: 1, name: 'cluster-1', scopes: { idc: '', location: '', cidrs: null, hostnames: null }, is_default: true });
    expect(c.scopes?.cidrs).toEqual([]);
  });
});
