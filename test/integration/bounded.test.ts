import { describe, expect, it } from 'vitest';
import { JobIndex } from '../../src/main/jobs/job-index';
import { Redactor } from '../../src/main/log/redact';
import { CreatePacer } from '../../src/main/preheats/pacer';

/** Every map the back end keeps has a bound or an owner that prunes it. */
describe('bounded memory', () => {
  it('the redactor keeps the newest thousand secrets, and still scrubs the one in use', () => {
    const r = new Redactor();
    for (let i = 0; i < 5000; i++) r.add(`secret-value-${i}`);
    expect(r.redact('secret-value-4999')).toBe('[redacted]');
    expect(r.redact('secret-value-0')).toBe('secret-value-0');
  });

  it('the pacer forgets clusters whose slots are all in the past', async () => {
    let now = 0;
    const pacer = new CreatePacer(() => now, async (ms) => void (now += ms));
    for (let i = 0; i < 3000; i++) await pacer.acquire('m', [{ id: i, perSecond: 10 }]);
    now += 60_000;
    await pacer.acquire('m', [{ id: 0, perSecond: 10 }]);
    expect((pacer as unknown as { tat: Map<string, number> }).tat.size).toBeLessThanOrEqual(1001);
  });

  it('the job index drops a job outright', () => {
    const index = new JobIndex();
    const e = { key: 'm:1', managerId: 'm', id: 1, state: 'SUCCESS', status: 'succeeded' as const, kind: 'file' as const, urls: [], description: '', createdAt: '', createdMs: 0, updatedAt: '', updatedMs: 0, clusterIds: null, failedPeers: 0, gone: false, haystack: '#1' };
    index.upsert(e);
    expect(index.remove('m:1')).toBe(true);
    expect(index.size).toBe(0);
    expect(index.countOf('m')).toBe(0);
  });
});
