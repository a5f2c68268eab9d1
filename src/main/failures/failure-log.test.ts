import { describe, expect, it } from 'vitest';
import type { FailureEntry } from '../../shared/models';
import { FailureLog } from './failure-log';

const entry = (n: number, patch: Partial<FailureEntry> = {}): Omit<FailureEntry, 'id'> => ({
  at: new Date(Date.UTC(2026, 10, 26, 12, 0, n)).toISOString(),
  managerId: n % 2 ? 'eu' : 'us',
  managerName: n % 2 ? 'prod-eu' : 'prod-us',
  jobId: 100 + (n % 5),
  jobDescription: `job ${n % 5}`,
  cluster: { id: 1 + (n % 3), name: `c${1 + (n % 3)}` },
  kind: n % 4 === 0 ? 'job_error' : 'peer_failure',
  hostname: `node-${n}`,
  ip: `10.0.0.${n}`,
  url: `https://files.example.com/${n}.bin`,
  text: n % 3 === 0 ? `context deadline exceeded ${n}` : `connection refused ${n}`,
  seenAtStart: false,
  ...patch,
});

describe('the failure log', () => {
  it('drops a deleted job\'s lines, and every line of a removed manager', () => {
    const log = new FailureLog();
    log.append(Array.from({ length: 10 }, (_, i) => entry(i)));
    expect(log.removeJobs('eu', [101])).toBe(1);
    expect(log.query({}, 0, 100).entries.some((e) => e.managerId === 'eu' && e.jobId === 101)).toBe(false);
    expect(log.removeManager('us')).toBe(5);
    expect(log.query({}, 0, 100).entries.map((e) => e.managerName)).toEqual(['prod-eu', 'prod-eu', 'prod-eu', 'prod-eu']);
  });

  it('searches only what the log holds: after it wraps past its capacity, and after lines were dropped', () => {
    const log = new FailureLog(5000);
    log.append(Array.from({ length: 7000 }, (_, i) => entry(i)));
    const found = (search: string) => log.query({ search }, 0, 10_000).entries.map((e) => e.hostname);
    // node-1999 was pushed out by the 2,000 lines past capacity; node-6999 is the newest.
    expect(found('node-1999 ')).toEqual([]);
    expect(found('node-6999')).toEqual(['node-6999']);
    expect(found('refused 2003')).toEqual(['node-2003']);
    expect(found('deadline')).toHaveLength(Array.from({ length: 5000 }, (_, i) => i + 2000).filter((n) => n % 3 === 0).length);
    log.removeManager('eu');
    expect(found('refused 2003')).toEqual([]);
    expect(found('refused 2002')).toEqual(['node-2002']);
    log.append([entry(9001, { text: 'fresh failure' })]);
    expect(found('fresh')).toEqual(['node-9001']);
  });

  it('builds its search text ahead only once it has been opened, and tells of the opening once', () => {
    let opened = 0;
    const log = new FailureLog(undefined, () => opened++);
    log.append(Array.from({ length: 10 }, (_, i) => entry(i)));
    expect(log.prepareSearch()).toBe(false);
    log.query({}, 0, 10);
    log.query({ search: 'refused' }, 0, 10);
    expect(opened).toBe(1);
    log.append([entry(10)]);
    expect(log.prepareSearch()).toBe(true);
    expect(log.prepareSearch()).toBe(false);
  });

  it('offers as filter choices the managers and clusters its lines hold, after lines come and go', () => {
    const log = new FailureLog();
    const choices = () => {
      const page = log.query({}, 0, 0);
      return { managers: page.managers.map((m) => m.name).sort(), clusters: page.clusters.map((c) => `${c.managerName}/${c.name}`).sort() };
    };
    log.append([entry(1), entry(2)]);
    expect(choices()).toEqual({ managers: ['prod-eu', 'prod-us'], clusters: ['prod-eu/c2', 'prod-us/c3'] });
    log.append([entry(3, { cluster: { id: 9, name: 'c9' } })]);
    expect(choices().clusters).toEqual(['prod-eu/c2', 'prod-eu/c9', 'prod-us/c3']);
    log.removeManager('eu');
    expect(choices()).toEqual({ managers: ['prod-us'], clusters: ['prod-us/c3'] });
  });

  it('keeps entries oldest first with rising ids, and drops the oldest past its capacity', () => {
    const log = new FailureLog(5);
    log.append(Array.from({ length: 8 }, (_, i) => entry(i)));
    const page = log.query({}, 0, 10);
    expect(page.total).toBe(5);
    expect(page.entries.map((e) => e.hostname)).toEqual(['node-3', 'node-4', 'node-5', 'node-6', 'node-7']);
    expect(page.entries.map((e) => e.id)).toEqual([4, 5, 6, 7, 8]);
    expect(page.newestId).toBe(8);
  });

  it('filters by manager, cluster, kind, peer and job, and searches text, URL and peer', () => {
    const log = new FailureLog();
    log.append(Array.from({ length: 30 }, (_, i) => entry(i)));
    const ids = (f: Parameters<FailureLog['query']>[0]) => log.query(f, 0, 100).entries.map((e) => e.hostname.slice(5)).map(Number);
    expect(ids({ managerIds: ['eu'] }).every((n) => n % 2 === 1)).toBe(true);
    expect(ids({ clusters: ['us:3'] })).toEqual([2, 8, 14, 20, 26]);
    expect(ids({ kinds: ['job_error'], managerIds: ['us'] })).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
    expect(ids({ peer: '10.0.0.2' })).toEqual([2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(ids({ job: 'eu:101' })).toEqual([1, 11, 21]);
    expect(ids({ search: 'DEADLINE exceeded 2' })).toEqual([21, 24, 27]);
    expect(ids({ search: '/27.bin' })).toEqual([27]);
  });

  it('gives the same answer while typing forward, deleting, and after new entries arrive', () => {
    const log = new FailureLog();
    log.append(Array.from({ length: 40 }, (_, i) => entry(i)));
    const count = (search: string) => log.query({ search }, 0, 0).total;
    const fresh = (search: string) => {
      const other = new FailureLog();
      other.append(log.matching({}).map(({ id: _id, ...e }) => e));
      return other.query({ search }, 0, 0).total;
    };
    for (const s of ['c', 'co', 'con', 'conn', 'connection refused 3', 'connection refused', 'context', '']) expect(count(s)).toBe(fresh(s));
    log.append([entry(40, { text: 'connection refused again' })]);
    expect(count('connection refused')).toBe(fresh('connection refused'));
    expect(count('connection refused a')).toBe(1);
  });
});
