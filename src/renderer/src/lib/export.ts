import { toCsv } from '@shared/csv';
import type { ErrorLogEntry, PeerResult } from '@shared/models';

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are quoted and prefixed. */
export function peersCsv(peers: PeerResult[]): string {
  return toCsv(
    ['outcome', 'url', 'hostname', 'ip', 'cluster_id', 'cluster', 'description'],
    peers.map((p) => [p.outcome, p.url, p.hostname, p.ip, p.cluster ? String(p.cluster.id) : '', p.cluster?.name ?? '', p.description]),
  );
}

export function peersJson(peers: PeerResult[]): string {
  return `${JSON.stringify(
    peers.map((p) => ({ outcome: p.outcome, url: p.url, hostname: p.hostname, ip: p.ip, cluster_id: p.cluster?.id ?? null, cluster: p.cluster?.name ?? null, description: p.description })),
    null,
    2,
  )}\n`;
}

/** The error log as plain text, one block per cluster. */
export function errorLogText(entries: ErrorLogEntry[]): string {
  return entries
    .map((e) => `[${e.cluster ? `${e.cluster.name ?? 'cluster'} #${e.cluster.id}` : 'cluster unknown'}] ${e.taskState} ${e.taskUuid}\n${e.error}`)
    .join('\n\n');
}

export function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
