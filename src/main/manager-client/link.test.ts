import { describe, expect, it } from 'vitest';
import { hasNextPage, parseLinkHeader } from './link';

describe('Link header (manager-api.md §3.5)', () => {
  const real =
    '</api/v1/jobs?page=1&per_page=10&type=preheat>;rel=prev,</api/v1/jobs?page=3&per_page=10&type=preheat>;rel=next,</api/v1/jobs?page=1&per_page=10&type=preheat>;rel=first,</api/v1/jobs?page=4&per_page=10&type=preheat>;rel=last';

  it('reads the four unquoted entries the manager writes', () => {
    const links = parseLinkHeader(real);
    expect(links.prev?.page).toBe(1);
    expect(links.next?.page).toBe(3);
    expect(links.first?.page).toBe(1);
    expect(links.last).toEqual({ url: '/api/v1/jobs?page=4&per_page=10&type=preheat', page: 4, perPage: 10 });
  });

  it('last=0 on an empty list; next still says 2 and must not be followed', () => {
    const links = parseLinkHeader(
      '</api/v1/jobs?page=1&per_page=10>;rel=prev,</api/v1/jobs?page=2&per_page=10>;rel=next,</api/v1/jobs?page=1&per_page=10>;rel=first,</api/v1/jobs?page=0&per_page=10>;rel=last',
    );
    expect(links.last?.page).toBe(0);
    expect(links.next?.page).toBe(2);
    expect(hasNextPage(links, 1)).toBe(false);
  });

  it('stops at the last page', () => {
    const links = parseLinkHeader(real);
    expect(hasNextPage(links, 3)).toBe(true);
    expect(hasNextPage(links, 4)).toBe(false);
  });

  it('accepts quoted rels and spaces a proxy might add', () => {
    const links = parseLinkHeader('</a?page=2&per_page=5>; rel="next", </a?page=9&per_page=5>; rel="last"');
    expect(links.next?.page).toBe(2);
    expect(links.last?.page).toBe(9);
  });

  it('per_page=1 makes last the total count', () => {
    expect(parseLinkHeader('</api/v1/jobs?page=137&per_page=1&type=preheat>;rel=last').last?.page).toBe(137);
  });

  it('has nothing without a header', () => {
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(hasNextPage({}, 1)).toBe(false);
  });
});
