import { z } from 'zod';
import { maskUrl } from '../../../shared/masking';
import { markerOfTimeout } from '../../../shared/preheat-spec';
import type { ManagerClient } from '../../manager-client/client';
import { hasNextPage } from '../../manager-client/link';
import type { Candidate } from './outbox-file';

/** Clocks of the app and the manager may differ; the search reaches this far before the send. */
const SKEW_MS = 10 * 60_000;
const PER_PAGE = 100;
const MAX_PAGES = 10;

/** Only what recognising a job needs: an item that fits nowhere else is still found by its marker. */
const Item = z.object({
  id: z.number(),
  created_at: z.string().catch(''),
  bio: z.string().catch(''),
  args: z
    .object({ timeout: z.unknown(), url: z.string().catch(''), urls: z.array(z.string()).catch([]) })
    .partial()
    .nullish()
    .catch(null),
});

const urlsOf = (args: z.infer<typeof Item>['args']) => [...new Set([...(args?.url ? [args.url] : []), ...(args?.urls ?? [])])];

/**
 * After a create whose answer was lost: the job carrying this part's marker, or none, with the jobs that
 * look alike (same URLs, created around the send, another marker or none) for the user to check. The
 * newest jobs are read page by page until they are older than the send; a job is never claimed by
 * its looks, only by its marker.
 */
export async function findByMarker(
  client: ManagerClient,
  want: { marker: number; urls: string[]; sentAtMs: number },
): Promise<{ jobId: number | null; candidates: Candidate[] }> {
  const candidates: Candidate[] = [];
  const sameUrls = (urls: string[]) => urls.length === want.urls.length && urls.every((u) => want.urls.includes(u));
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { items, links } = await client.listJobItems({ page, perPage: PER_PAGE });
    let older = false;
    for (const raw of items) {
      const item = Item.safeParse(raw);
      if (!item.success) continue;
      const j = item.data;
      if (markerOfTimeout(j.args?.timeout) === want.marker) return { jobId: j.id, candidates: [] };
      const created = Date.parse(j.created_at);
      if (Number.isFinite(created) && created < want.sentAtMs - SKEW_MS) older = true;
      else if (sameUrls(urlsOf(j.args))) candidates.push({ jobId: j.id, createdAt: j.created_at, description: j.bio, urls: urlsOf(j.args).map(maskUrl) });
    }
    if (older || !hasNextPage(links, page)) break;
  }
  return { jobId: null, candidates };
}
