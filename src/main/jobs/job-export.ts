import { toCsv } from '../../shared/csv';
import type { JobRow } from '../../shared/models';

const HEAD = ['manager', 'id', 'status', 'state', 'kind', 'description', 'urls', 'clusters', 'created_at', 'updated_at', 'duration_s', 'failed_peers', 'gone'];

/**
 * The job list as a file: CSV for a spreadsheet (one row per job, URLs and clusters space-separated),
 * or JSON with the rows as the app shows them. URLs are masked as on screen.
 */
export function exportJobs(rows: readonly JobRow[], format: 'csv' | 'json', at: Date): { fileName: string; content: string; count: number } {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
  const fileName = `dragonfly-preheats-${stamp}.${format}`;
  if (format === 'json') return { fileName, content: `${JSON.stringify(rows, null, 2)}\n`, count: rows.length };
  const content = toCsv(
    HEAD,
    rows.map((r) => [
      r.managerName,
      String(r.id),
      r.status,
      r.state,
      r.kind,
      r.description,
      r.urls.join(' '),
      (r.clusters ?? []).map((c) => c.name ?? `#${c.id}`).join(' '),
      r.createdAt,
      r.updatedAt,
      r.durationMs === null ? '' : String(Math.round(r.durationMs / 1000)),
      String(r.failedPeers),
      String(r.gone),
    ]),
  );
  return { fileName, content, count: rows.length };
}
