import type { FailureEntry } from './models';

/** Failure log entries as tab-separated text, one per line: for copying and downloading. */
export function failureText(entries: FailureEntry[]): string {
  return entries
    .map((e) =>
      [e.at, e.managerName, e.cluster ? `${e.cluster.name ?? 'cluster'}#${e.cluster.id}` : '-', `job#${e.jobId}`, e.kind, e.hostname || '-', e.ip || '-', e.url || '-', e.text].join('\t'),
    )
    .join('\n');
}
