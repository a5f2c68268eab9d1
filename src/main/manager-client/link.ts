/** One entry of the manager's pagination `Link` header. */
export interface PageLink {
  url: string;
  page: number;
  perPage: number | null;
}

export type PageLinks = Partial<Record<'prev' | 'next' | 'first' | 'last', PageLink>>;

/**
 * Parse the manager's `Link` header (manager-api.md §3.5): entries joined by `,` with no spaces and an
 * unquoted `rel`, relative URLs. Quoted rels and spaces are accepted too, in case a proxy rewrites it.
 */
export function parseLinkHeader(header: string | null | undefined): PageLinks {
  const links: PageLinks = {};
  if (!header) return links;
  const entry = /<([^>]*)>\s*;\s*rel\s*=\s*"?([A-Za-z]+)"?/g;
  for (const match of header.matchAll(entry)) {
    const [, url = '', rel = ''] = match;
    if (rel !== 'prev' && rel !== 'next' && rel !== 'first' && rel !== 'last') continue;
    const query = new URL(url, 'http://manager.invalid').searchParams;
    const page = Number(query.get('page'));
    const perPage = query.has('per_page') ? Number(query.get('per_page')) : null;
    if (!Number.isInteger(page) || page < 0) continue;
    links[rel] = { url, page, perPage: perPage !== null && Number.isInteger(perPage) ? perPage : null };
  }
  return links;
}

/** `last` is 0 when the list is empty; `next` then still says 2 and must not be followed. */
export function hasNextPage(links: PageLinks, page: number): boolean {
  const last = links.last?.page;
  if (last === undefined) return false;
  return page < last;
}
