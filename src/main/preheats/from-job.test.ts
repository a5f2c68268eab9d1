import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Job } from '../manager-client/wire-format';
import { createRequestBody, DEFAULT_FILTERED_QUERY_PARAMS, validateSpec } from '../../shared/preheat-spec';
import { specFromJob } from './from-job';

const fixture = () => Job.parse(JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/jobs/success-partial.json'), 'utf8')));

describe('a spec from a job', () => {
  it('duplicates every arg but the secrets, and leaves the manager defaults out', () => {
    const job = fixture();
    job.args = { ...job.args, filtered_query_params: DEFAULT_FILTERED_QUERY_PARAMS.join('&'), headers: { Authorization: 'Bearer t0ken', 'X-Team': 'ml' } };
    const { spec, notes } = specFromJob('m1', job, 'duplicate');
    expect(spec).toMatchObject({
      kind: 'image',
      description: 'warm nginx on edge',
      targets: [{ managerId: 'm1', clusterIds: [1] }],
      image: { reference: 'https://registry.example.com/v2/library/nginx/manifests/1.27', platform: 'linux/amd64', username: 'robot' },
      scope: 'all_seed_peers',
      selection: { mode: 'count', count: 2 },
      filteredQueryParams: [],
      headers: [
        { name: 'Authorization', value: '' },
        { name: 'X-Team', value: '' },
      ],
      advanced: { concurrentTaskCount: null, concurrentPeerCount: null, timeoutMinutes: null },
    });
    expect(JSON.stringify(spec)).not.toMatch(/s3cret|t0ken/);
    expect(notes).toEqual([
      'The registry password is not copied: enter it again, or leave it empty to use the stored one.',
      'The value of the Authorization header is not copied: enter it again.',
      'The value of the X-Team header is not copied: enter it again.',
    ]);
    // Nothing else is missing: the form asks exactly for the values left out.
    expect(validateSpec(spec)).toEqual([
      { path: 'headers.0.value', message: 'Authorization needs a value (or remove the row)' },
      { path: 'headers.1.value', message: 'X-Team needs a value (or remove the row)' },
    ]);
  });

  it('retries failed peers of a single-seed-peer job with a scope that takes IPs, so none is silently dropped', () => {
    const job = fixture();
    job.args = { ...job.args, scope: 'single_seed_peer' };
    const { spec, notes } = specFromJob('m1', job, 'retry-failed');
    expect(spec.scope).toBe('all_seed_peers');
    expect(createRequestBody(spec, [1], { registryPassword: null, userId: null }).args).toMatchObject({ scope: 'all_seed_peers', ips: ['10.0.1.11'] });
    expect(notes).toContain('The job used one seed peer; the retry asks every seed peer with these IPs (the single seed peer scope ignores IPs).');
  });

  it('retries only the failed peers, by IP, in the clusters where they failed', () => {
    const { spec, notes } = specFromJob('m1', fixture(), 'retry-failed');
    expect(spec.scope).toBe('all_seed_peers');
    expect(spec.selection).toEqual({ mode: 'ips', ips: ['10.0.1.11'] });
    expect(spec.targets).toEqual([{ managerId: 'm1', clusterIds: [1] }]);
    expect(notes[0]).toBe('Targets the 1 peer that failed: 10.0.1.11.');
  });

  it('keeps at most 100 IPs and lists the rest', () => {
    const job = fixture();
    const failures = Array.from({ length: 104 }, (_, i) => ({ url: 'u', hostname: `h${i}`, ip: `10.1.${i >> 8}.${i & 255}`, description: 'x' }));
    job.result!.job_states[0]!.results[0]!.failure_tasks = failures;
    const { spec, notes } = specFromJob('m1', job, 'retry-failed');
    expect(spec.selection.mode === 'ips' && spec.selection.ips.length).toBe(100);
    expect(notes[0]).toMatch(/^104 peers failed; the manager takes at most 100 IPs, so these are the first 100\. Not included: 10\.1\.0\.100, 10\.1\.0\.101, 10\.1\.0\.102, 10\.1\.0\.103\.$/);
  });
});
