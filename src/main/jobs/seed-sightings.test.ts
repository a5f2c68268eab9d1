import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobDetail, PeerResult } from '../../shared/models';
import { HistoryStore, type HistoryRecord } from '../history/history-store';
import { Job } from '../manager-client/wire-format';
import { toDetail } from './detail';
import { SeedSightings } from './seed-sightings';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const HOUR = 3600_000;
const fixture = Job.parse(JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/jobs/success-partial.json'), 'utf8')));
const names = { manager: () => 'm1', cluster: () => 'c1' };

const peer = (hostname: string, clusterId: number, outcome: PeerResult['outcome'] = 'succeeded'): PeerResult => ({
  outcome,
  url: 'https://files.example.com/a.bin',
  hostname,
  ip: `10.0.${clusterId}.${hostname.length}`,
  cluster: { id: clusterId, name: null },
  description: '',
});

/** A real detail (from a manager's answer) with the scope, end time and per-peer results given. */
function detail(scope: string, updatedMs: number, peers: PeerResult[]): JobDetail {
  const d = toDetail('m1', fixture, names, NOW);
  return { ...d, row: { ...d.row, updatedAt: new Date(updatedMs).toISOString() }, args: { ...d.args, scope }, peers };
}

function record(jobId: number, d: JobDetail, status: HistoryRecord['entry']['status'] = 'succeeded'): HistoryRecord {
  const at = d.row.updatedAt;
  return {
    jobId,
    entry: { state: 'SUCCESS', status, kind: 'file', urls: ['https://files.example.com/a.bin'], description: '', createdAt: at, updatedAt: at, clusterIds: [1], failedPeers: 0, gone: false },
    transitions: [{ at, from: null, to: status }],
    detail: d,
    notified: false,
    seenAt: at,
  };
}

const hosts = (s: SeedSightings, managerId: string, clusterId: number) => s.seenIn(managerId, clusterId).map((x) => x.hostname);

describe('SeedSightings', () => {
  it('counts the hosts that confirmed a seed-peer preheat, per cluster, newest first', () => {
    const s = new SeedSightings(() => NOW);
    s.sight('m1', detail('single_seed_peer', NOW - 2 * HOUR, [peer('seed-a', 1), peer('seed-b', 1, 'failed'), peer('seed-c', 2)]));
    s.sight('m1', detail('all_seed_peers', NOW - HOUR, [peer('seed-d', 1)]));
    // A preheat of every peer proves nothing about seed peers.
    s.sight('m1', detail('all_peers', NOW, [peer('peer-e', 1)]));
    expect(hosts(s, 'm1', 1)).toEqual(['seed-d', 'seed-a']);
    expect(hosts(s, 'm1', 2)).toEqual(['seed-c']);
    expect(hosts(s, 'm2', 1)).toEqual([]);
  });

  it('lets a sighting lapse after a day', () => {
    let now = NOW;
    const s = new SeedSightings(() => now);
    s.sight('m1', detail('single_seed_peer', NOW, [peer('seed-a', 1)]));
    now += 24 * HOUR - 1;
    expect(hosts(s, 'm1', 1)).toEqual(['seed-a']);
    now += 2;
    expect(hosts(s, 'm1', 1)).toEqual([]);
  });

  it('finds the same sightings again in the history after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-sightings-'));
    const store = new HistoryStore({ dir, limits: { retentionDays: 30, maxMB: 100 }, now: () => NOW, syncDelayMs: 0 });
    await store.load();
    store.put('m1', record(1, detail('single_seed_peer', NOW - HOUR, [peer('seed-a', 1)])));
    store.put('m1', record(2, detail('single_seed_peer', NOW - 25 * HOUR, [peer('seed-old', 1)])));
    store.put('m1', record(3, detail('single_seed_peer', NOW - HOUR, [peer('seed-pending', 1)]), 'pending'));
    store.put('m2', record(1, detail('all_seed_peers', NOW - 2 * HOUR, [peer('seed-b', 7)])));
    store.put('gone', record(1, detail('all_seed_peers', NOW - 2 * HOUR, [peer('seed-c', 1)])));
    store.dispose();

    const again = new HistoryStore({ dir, limits: { retentionDays: 30, maxMB: 100 }, now: () => NOW, syncDelayMs: 0 });
    const s = new SeedSightings(() => NOW);
    await again.load((managerId, entry, d) => s.sightStored(managerId, entry, d));
    expect(hosts(s, 'm1', 1)).toEqual(['seed-a']);
    expect(hosts(s, 'm2', 7)).toEqual(['seed-b']);
    s.keepOnly((managerId) => managerId !== 'gone');
    expect(hosts(s, 'gone', 1)).toEqual([]);
    expect(hosts(s, 'm1', 1)).toEqual(['seed-a']);
    again.dispose();
  });

  it('skips a stored detail that no longer fits instead of failing the load', () => {
    const s = new SeedSightings(() => NOW);
    const entry = { status: 'succeeded', updatedAt: new Date(NOW).toISOString() };
    s.sightStored('m1', entry, { row: {}, args: { scope: 'single_seed_peer' }, peers: 'none' });
    s.sightStored('m1', entry, null);
    s.sightStored('m1', entry, { row: { updatedAt: entry.updatedAt }, args: { scope: 'single_seed_peer' }, peers: [{ ...peer('seed-x', 1), cluster: { id: '1' } }] });
    s.sightStored('m1', entry, { row: { updatedAt: entry.updatedAt }, args: { scope: 'single_seed_peer' }, peers: [{ ...peer('seed-a', 1), extra: true }] });
    expect(hosts(s, 'm1', 1)).toEqual(['seed-a']);
  });
});
