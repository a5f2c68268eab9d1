import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotificationCenter } from '../../src/main/notify/notification-center';
import type { WatchEvent } from '../../src/main/notify/policy';
import { DEFAULT_SETTINGS } from '../../src/main/settings/settings-store';
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
    const e = { managerId: 'm', id: 1, state: 'SUCCESS', status: 'succeeded' as const, kind: 'file' as const, urls: [], description: '', createdMs: 0, updatedMs: 0, clusterIds: null, failedPeers: 0, gone: false };
    index.upsert(e);
    expect(index.remove('m', 1)).toBe(true);
    expect(index.size).toBe(0);
    expect(index.countOf('m')).toBe(0);
  });

  it('the notification center remembers the newest 50,000 notified jobs, and still never repeats a recent one', async () => {
    const delivered: string[] = [];
    const center = new NotificationCenter({
      dataDir: mkdtempSync(join(tmpdir(), 'desk-bounded-')),
      settings: { get: () => DEFAULT_SETTINGS, update: async () => DEFAULT_SETTINGS },
      managerName: () => 'prod-eu',
      deliver: (n) => void delivered.push(n.title),
      changed: () => undefined,
    });
    const fail = (jobId: number): WatchEvent => ({ managerId: 'eu', managerName: 'prod-eu', jobId, kind: 'failed', description: '', reason: 'x' });
    for (let batch = 0; batch < 3; batch++) await center.handle(Array.from({ length: 20_000 }, (_, i) => fail(batch * 20_000 + i)));
    expect((center as unknown as { notified: Set<string> }).notified.size).toBe(50_000);
    delivered.length = 0;
    await center.handle([fail(59_999)]);
    expect(delivered).toEqual([]);
  });
});
