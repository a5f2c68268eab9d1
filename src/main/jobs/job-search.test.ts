import { describe, expect, it } from 'vitest';
import { JobSearch, searchBodyOf } from './job-search';

const URLS = ['https://registry.example.com/v2/library/nginx/manifests/1.27', 'https://files.example.com/a-12.bin', 'https://files.example.com/b.bin'];
const DESCRIPTIONS = ['', 'Nightly warm-up', 'release 12', 'canary'];

/** What a search must find: the job's whole text contains the query. */
const naive = (jobs: Map<number, { id: number; body: string }>, text: string, slots: number) => {
  const out = new Uint8Array(slots);
  for (const [slot, j] of jobs) if (`#${j.id} ${j.body}`.includes(text)) out[slot] = 1;
  return [...out];
};

describe('job search over distinct texts', () => {
  it('finds what a search of every job\'s own text finds, through adds, edits, removals and reused slots', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const search = new JobSearch();
    const jobs = new Map<number, { id: number; body: string }>();
    const queries = ['nginx', '12', '#12', '#1', '#', '2 https', '12 https://files', 'warm-up', 'release 12', 'a-12.bin nightly', 'b.bin canary', 'zzz', '7 ', '1.27 '];
    for (let round = 0; round < 400; round++) {
      const slot = rnd(60);
      if (rnd(5) === 0) {
        search.clear(slot);
        jobs.delete(slot);
      } else {
        const id = rnd(200);
        const urls = URLS.filter(() => rnd(2) === 0);
        const body = searchBodyOf(urls, DESCRIPTIONS[rnd(DESCRIPTIONS.length)]!);
        search.set(slot, id, body);
        jobs.set(slot, { id, body });
      }
      if (round % 20 === 0) search.prepare();
      for (const q of queries) expect([...search.find(q.trim(), 60)], `${q} after round ${round}`).toEqual(naive(jobs, q.trim(), 60));
    }
  });

  it('keeps one copy of a text that many jobs share, and lets it go with the last of them', () => {
    const search = new JobSearch();
    const body = searchBodyOf([URLS[0]!], 'Nightly warm-up');
    for (let slot = 0; slot < 1000; slot++) search.set(slot, slot, body);
    expect(search.distinctTexts).toBe(1);
    for (let slot = 0; slot < 999; slot++) search.clear(slot);
    expect([...search.find('nginx', 1000)].reduce((a, b) => a + b, 0)).toBe(1);
    search.clear(999);
    expect(search.distinctTexts).toBe(0);
    expect([...search.find('nginx', 1000)].some(Boolean)).toBe(false);
  });
});
