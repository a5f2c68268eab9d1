import { Badge, Button, Group, Paper, SegmentedControl, Select, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { PeerResult } from '@shared/models';
import { VirtualList } from '@renderer/components/VirtualList';
import { download, peersCsv, peersJson } from '@renderer/lib/export';
import classes from './PeerTable.module.css';

type SortKey = 'outcome' | 'hostname' | 'ip' | 'cluster' | 'url' | 'description';
const COLUMNS: [SortKey, string][] = [
  ['outcome', 'Outcome'],
  ['hostname', 'Hostname'],
  ['ip', 'IP'],
  ['cluster', 'Cluster'],
  ['url', 'URL'],
  ['description', 'Description'],
];

const key = (p: PeerResult, k: SortKey) => (k === 'cluster' ? (p.cluster?.name ?? String(p.cluster?.id ?? '')) : p[k]);

/** Every per-peer result of the job across clusters: sortable, filterable, exportable. */
export function PeerTable({ peers, fileBase }: { peers: PeerResult[]; fileBase: string }) {
  const [outcome, setOutcome] = useState<'all' | 'failed' | 'succeeded'>(peers.some((p) => p.outcome === 'failed') ? 'failed' : 'all');
  const [cluster, setCluster] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'outcome', dir: 1 });

  const clusters = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of peers) if (p.cluster) m.set(String(p.cluster.id), p.cluster.name ?? `#${p.cluster.id}`);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [peers]);

  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    return peers
      .filter((p) => outcome === 'all' || p.outcome === outcome)
      .filter((p) => !cluster || String(p.cluster?.id) === cluster)
      .filter((p) => !q || `${p.hostname} ${p.ip} ${p.url} ${p.description}`.toLowerCase().includes(q))
      .sort((a, b) => sort.dir * key(a, sort.key).localeCompare(key(b, sort.key), undefined, { numeric: true }));
  }, [peers, outcome, cluster, text, sort]);

  const failed = peers.filter((p) => p.outcome === 'failed').length;
  return (
    <Paper withBorder p="sm" data-testid="peer-table">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={outcome}
            onChange={(v) => setOutcome(v as typeof outcome)}
            data={[
              { value: 'all', label: `All ${peers.length}` },
              { value: 'failed', label: `Failed ${failed}` },
              { value: 'succeeded', label: `Succeeded ${peers.length - failed}` },
            ]}
          />
          <Select size="xs" placeholder="All clusters" data={clusters} value={cluster} onChange={setCluster} clearable w={180} />
          <TextInput size="xs" placeholder="Filter host, IP, URL, error" value={text} onChange={(e) => setText(e.currentTarget.value)} w={240} />
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => download(`${fileBase}-peers.csv`, peersCsv(shown), 'text/csv')}>
            Export CSV
          </Button>
          <Button size="xs" variant="default" onClick={() => download(`${fileBase}-peers.json`, peersJson(shown), 'application/json')}>
            Export JSON
          </Button>
        </Group>
      </Group>
      <div className={`${classes.row} ${classes.head}`}>
        {COLUMNS.map(([k, label]) => (
          <UnstyledButton
            key={k}
            className={classes.cell}
            onClick={() => setSort((s) => ({ key: k, dir: s.key === k ? (-s.dir as 1 | -1) : 1 }))}
            aria-label={`Sort by ${label}`}
          >
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {label}
              {sort.key === k ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
            </Text>
          </UnstyledButton>
        ))}
      </div>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" p="sm">
          {peers.length === 0 ? 'No per-peer results: the manager reports them only when a cluster finishes successfully.' : 'No peer matches.'}
        </Text>
      ) : (
        <div style={{ height: Math.min(420, shown.length * 36 + 2) }}>
          <VirtualList
            count={shown.length}
            rowHeight={36}
            renderRow={(i, style) => {
              const p = shown[i]!;
              return (
                <div key={i} style={style} className={classes.row} data-testid="peer-row">
                  <div className={classes.cell}>
                    <Badge size="sm" variant="light" color={p.outcome === 'failed' ? 'red' : 'teal'}>
                      {p.outcome}
                    </Badge>
                  </div>
                  <div className={classes.cell}>
                    <Text size="sm" truncate>
                      {p.hostname || '-'}
                    </Text>
                  </div>
                  <div className={classes.cell}>
                    <Text size="sm" ff="monospace">
                      {p.ip || '-'}
                    </Text>
                  </div>
                  <div className={classes.cell}>
                    <Text size="sm" truncate>
                      {p.cluster ? (p.cluster.name ?? `#${p.cluster.id}`) : '-'}
                    </Text>
                  </div>
                  <div className={classes.cell}>
                    <Text size="sm" truncate ff="monospace" title={p.url}>
                      {p.url}
                    </Text>
                  </div>
                  <div className={classes.cell}>
                    <Text size="sm" truncate title={p.description} c={p.outcome === 'failed' ? 'red' : 'dimmed'}>
                      {p.description || '-'}
                    </Text>
                  </div>
                </div>
              );
            }}
          />
        </div>
      )}
    </Paper>
  );
}
