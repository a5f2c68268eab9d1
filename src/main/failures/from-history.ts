import type { FailureEntry } from '../../shared/models';
import type { HistoryStore } from '../history/history-store';
import { failureEntries } from './entries';
import { LIVE_CAPACITY } from './failure-log';

/**
 * Fill the live log at start-up from the history: the failures of the jobs it kept, in the order they
 * were detected, the newest up to the log's capacity.
 */
export function failuresFromHistory(history: HistoryStore, managerName: (id: string) => string | null): Omit<FailureEntry, 'id'>[] {
  const failed = history
    .summaries()
    .filter((h) => h.hasDetail && ['failed', 'partial', 'unconfirmed', 'timed_out'].includes(h.entry.status))
    .map((h) => ({ h, at: h.transitions.at(-1)?.at ?? h.seenAt, seenAtStart: h.transitions.at(-1)?.seenAtStart === true }))
    .sort((a, b) => a.at.localeCompare(b.at));
  const out: Omit<FailureEntry, 'id'>[] = [];
  for (const { h, at, seenAtStart } of failed.reverse()) {
    const name = managerName(h.managerId);
    const detail = name ? history.detail(h.managerId, h.jobId) : null;
    if (!detail || !name) continue;
    out.push(...failureEntries(detail, name, at, seenAtStart).reverse());
    if (out.length >= LIVE_CAPACITY) break;
  }
  return out.reverse();
}
