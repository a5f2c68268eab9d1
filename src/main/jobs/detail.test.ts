import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Job } from '../manager-client/wire-format';
import { argsView, toDetail } from './detail';
import type { NameLookup } from './job-entry';

const names: NameLookup = { manager: () => 'prod-eu', cluster: (_m, id) => ({ 1: 'eu-west-1', 2: 'eu-central-1' })[id] ?? null };
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/jobs', name), 'utf8')) as Record<string, unknown>;

describe('argsView: what the UI may see of the args', () => {
  it('never carries the registry password, only that one is stored', () => {
    const view = argsView({ type: 'image', url: 'u', username: 'robot', password: 's3cret' });
    expect(JSON.stringify(view)).not.toContain('s3cret');
    expect(view.passwordStoredOnManager).toBe(true);
    expect(view.username).toBe('robot');
  });

  it('shows only the headers on the safe list, and masks URL credentials', () => {
    const view = argsView({
      type: 'file',
      urls: ['https://u:p4ss@files.example.com/a?X-Amz-Signature=s1g'],
      headers: { Authorization: 'Bearer abc123', 'X-Registry-Auth': 'eyJyZWc', 'X-Goog-Authorization': 'g00g', 'X-Team': 'ml', Accept: 'application/json' },
    });
    expect(JSON.stringify(view)).not.toMatch(/abc123|eyJyZWc|g00g|p4ss|s1g/);
    expect(view.headers).toEqual([
      { name: 'Authorization', value: null, masked: true },
      { name: 'X-Registry-Auth', value: null, masked: true },
      { name: 'X-Goog-Authorization', value: null, masked: true },
      { name: 'X-Team', value: null, masked: true },
      { name: 'Accept', value: 'application/json', masked: false },
    ]);
  });

  it('masks object-storage secrets and the HDFS token', () => {
    const view = argsView({
      type: 'file',
      object_storage: { region: 'eu', access_key_id: 'AKIA1', access_key_secret: 'sk-secret', session_token: 'st-secret' },
      hdfs: { delegation_token: 'dt-secret' },
    });
    expect(JSON.stringify(view)).not.toMatch(/sk-secret|st-secret|dt-secret/);
    expect(view.objectStorage).toContainEqual({ name: 'access_key_id', value: 'AKIA1', masked: false });
    expect(view.hdfsTokenStoredOnManager).toBe(true);
  });
});

describe('toDetail', () => {
  it('builds the per-peer table and targets from the SUCCESS example', () => {
    const d = toDetail('m1', Job.parse(fixture('success-partial.json')), names, Date.parse('2026-08-20T09:00:00Z'));
    expect(d.row.status).toBe('partial');
    expect(d.row.clusters).toEqual([{ id: 1, name: 'eu-west-1' }]);
    expect(d.peers.filter((p) => p.outcome === 'failed')).toEqual([
      expect.objectContaining({ hostname: 'seed-1', ip: '10.0.1.11', cluster: { id: 1, name: 'eu-west-1' } }),
    ]);
    expect(d.peers).toHaveLength(3);
    expect(d.args.passwordStoredOnManager).toBe(true);
    expect(JSON.stringify(d)).not.toContain('s3cret');
  });

  it('puts each task error under its cluster: from the error text, else the only target', () => {
    const base = { created_at: '2026-08-20T09:00:00Z', updated_at: '2026-08-20T09:01:00Z', state: 'FAILURE', args: { type: 'file', urls: ['u'] } };
    const job = Job.parse({
      ...base,
      id: 5,
      scheduler_clusters: [{ id: 1, name: 'c1' }, { id: 2, name: 'c2' }],
      result: {
        state: 'FAILURE',
        job_states: [
          { task_uuid: 'a', state: 'FAILURE', error: 'cluster 2 scheduler 10.0.2.1 no available seed peer' },
          { task_uuid: 'b', state: 'STARTED', error: '' },
        ],
      },
    });
    const d = toDetail('m1', job, names, Date.now());
    expect(d.errorLog).toEqual([{ cluster: { id: 2, name: 'eu-central-1' }, taskUuid: 'a', taskState: 'FAILURE', error: 'cluster 2 scheduler 10.0.2.1 no available seed peer' }]);
    const single = toDetail(
      'm1',
      Job.parse({ ...base, id: 6, scheduler_clusters: [{ id: 1, name: 'c1' }], result: { state: 'FAILURE', job_states: [{ task_uuid: 'x', state: 'FAILURE', error: 'boom' }] } }),
      names,
      Date.now(),
    );
    expect(single.errorLog[0]!.cluster).toEqual({ id: 1, name: 'eu-west-1' });
  });
});

describe('attributing task errors to clusters by elimination', () => {
  it('gives the one unclaimed cluster to the one task that names none', async () => {
    const { attributeTasks } = await import('./job-clusters');
    const ok = { results: [{ scheduler_cluster_id: 1 }], error: '' };
    const anonymous = { results: [], error: 'all peers preheat failed: group_x task_y 10.1.2.61 node-11 …' };
    expect(attributeTasks([ok, anonymous], [1, 2])).toEqual([1, 2]);
    // Two anonymous tasks for two open clusters: no guess.
    expect(attributeTasks([anonymous, anonymous], [1, 2])).toEqual([null, null]);
    expect(attributeTasks([anonymous], [4])).toEqual([4]);
  });
});
