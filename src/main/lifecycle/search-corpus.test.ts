import { describe, expect, it, vi } from 'vitest';
import { SearchCorpus } from './search-corpus';

const hitsOf = (flags: Uint8Array) => [...flags.keys()].filter((i) => flags[i] === 1);

describe('SearchCorpus', () => {
  it('finds every slot whose text holds the search, across chunks, once each', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `#${i} https://reg/v2/app${i % 7}/manifests/1 app${i % 7}`);
    const corpus = new SearchCorpus((slot) => texts[slot] ?? null);
    const found = hitsOf(corpus.find('app3', texts.length));
    expect(found).toEqual(texts.flatMap((t, i) => (t.includes('app3') ? [i] : [])));
    expect(found.length).toBeGreaterThan(700);
    // A match may sit at a text's very start or end; none spans two texts.
    expect(hitsOf(corpus.find('#4999', texts.length))).toEqual([4999]);
    expect(hitsOf(corpus.find('app6#', texts.length))).toEqual([]);
    expect(hitsOf(corpus.find('1 app0', texts.length))).toEqual(texts.flatMap((t, i) => (t.endsWith('1 app0') ? [i] : [])));
  });

  it('finds a one-letter search in nearly every slot, empty slots and chunk ends included', () => {
    const texts = Array.from({ length: 4500 }, (_, i) => (i % 97 === 0 ? null : i % 5 === 0 ? `#${i} xyz` : `#${i} a${i}`));
    const corpus = new SearchCorpus((slot) => texts[slot] ?? null);
    expect(hitsOf(corpus.find('a', texts.length))).toEqual(texts.flatMap((t, i) => (t?.includes('a') ? [i] : [])));
    expect(hitsOf(corpus.find('#', texts.length))).toEqual(texts.flatMap((t, i) => (t ? [i] : [])));
  });

  it('builds ahead of a search one chunk at a time, and a search then reads no text', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `#${i} app${i % 7}`);
    const textOf = vi.fn((slot: number) => texts[slot] ?? null);
    const corpus = new SearchCorpus(textOf);
    expect([corpus.buildNext(texts.length), corpus.buildNext(texts.length), corpus.buildNext(texts.length)]).toEqual([true, true, true]);
    expect(corpus.buildNext(texts.length)).toBe(false);
    expect(textOf).toHaveBeenCalledTimes(5000);
    expect(hitsOf(corpus.find('app3', texts.length))).toHaveLength(714);
    expect(textOf).toHaveBeenCalledTimes(5000);
    // A changed slot leaves one chunk to build again; more slots, the last one too.
    corpus.changed(10);
    expect(corpus.buildNext(texts.length)).toBe(true);
    expect(corpus.buildNext(texts.length)).toBe(false);
    texts.push('#5000 app0');
    expect(corpus.buildNext(texts.length)).toBe(true);
    expect(corpus.buildNext(texts.length)).toBe(false);
    expect(hitsOf(corpus.find('#5000', texts.length))).toEqual([5000]);
  });

  it('sees a changed, added or emptied slot once told', () => {
    const texts: (string | null)[] = ['alpha', 'beta', 'gamma'];
    const corpus = new SearchCorpus((slot) => texts[slot] ?? null);
    expect(hitsOf(corpus.find('a', 3))).toEqual([0, 1, 2]);
    texts[1] = 'bet';
    texts[0] = null;
    texts.push('delta');
    // Untold, the old text is searched still: the owner says what changed.
    expect(hitsOf(corpus.find('beta', 3))).toEqual([1]);
    corpus.changed(1);
    corpus.changed(0);
    expect(hitsOf(corpus.find('a', 4))).toEqual([2, 3]);
    expect(hitsOf(corpus.find('beta', 4))).toEqual([]);
  });

  it('only takes one line of text', () => {
    expect(SearchCorpus.searchable('nginx')).toBe(true);
    expect(SearchCorpus.searchable('')).toBe(false);
    expect(SearchCorpus.searchable('a\nb')).toBe(false);
  });
});
