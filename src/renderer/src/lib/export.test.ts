import { describe, expect, it } from 'vitest';
import type { PeerResult } from '@shared/models';
import { errorLogText, peersCsv, peersJson } from './export';

const peers: PeerResult[] = [
  { outcome: 'failed', url: 'https://r/v2/a/blobs/sha256:1', hostname: 'seed-1', ip: '10.0.0.2', cluster: { id: 1, name: 'eu-west' }, description: 'task x failed: rpc error, "deadline"' },
  { outcome: 'succeeded', url: '=HYPERLINK("http://evil")', hostname: 'seed-0', ip: '10.0.0.1', cluster: null, description: '' },
];

describe('exports of the per-peer results', () => {
  it('writes RFC 4180 CSV, quoting commas and quotes', () => {
    const lines = peersCsv(peers).split('\r\n');
    expect(lines[0]).toBe('outcome,url,hostname,ip,cluster_id,cluster,description');
    expect(lines[1]).toBe('failed,https://r/v2/a/blobs/sha256:1,seed-1,10.0.0.2,1,eu-west,"task x failed: rpc error, ""deadline"""');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(peersCsv(peers).split('\r\n')[2]).toBe(`succeeded,"'=HYPERLINK(""http://evil"")",seed-0,10.0.0.1,,,`);
  });

  it('writes JSON with cluster ids and names', () => {
    expect(JSON.parse(peersJson(peers))[0]).toEqual({
      outcome: 'failed',
      url: 'https://r/v2/a/blobs/sha256:1',
      hostname: 'seed-1',
      ip: '10.0.0.2',
      cluster_id: 1,
      cluster: 'eu-west',
      description: 'task x failed: rpc error, "deadline"',
    });
  });

  it('copies the error log with each error under its cluster', () => {
    expect(
      errorLogText([
        { cluster: { id: 2, name: 'eu-central' }, taskUuid: 'task_a', taskState: 'FAILURE', error: 'cluster 2 scheduler 10.0.2.1 no available seed peer' },
        { cluster: null, taskUuid: 'task_b', taskState: 'FAILURE', error: 'boom' },
      ]),
    ).toBe('[eu-central #2] FAILURE task_a\ncluster 2 scheduler 10.0.2.1 no available seed peer\n\n[cluster unknown] FAILURE task_b\nboom');
  });
});
