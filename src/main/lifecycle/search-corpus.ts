/** Slots per chunk: a change rebuilds one chunk's text, about 2,048 short strings joined. */
const CHUNK_BITS = 11;
const CHUNK = 1 << CHUNK_BITS;
/** Between two slots' texts: search text (one line) never spans it. */
const SEPARATOR = '\n';

interface Chunk {
  text: string;
  /** Where each slot's text starts in `text`, and one past the last. */
  starts: Int32Array;
}

/**
 * Substring search over many short texts, kept as a few long strings: one `indexOf` runs through a
 * chunk of joined texts at memory speed, where a test per text pays a call and a cache miss for every
 * one of 100,000 strings scattered over the heap (bench:list, 2026-12-01: about 80 ms a keystroke).
 * Texts are addressed by slot; a changed slot marks its chunk, which is joined again when searched.
 */
export class SearchCorpus {
  private readonly chunks: (Chunk | undefined)[] = [];

  /** `textOf` gives a slot's lower-cased text, or null for an empty slot. */
  constructor(private readonly textOf: (slot: number) => string | null) {}

  /** The text of this slot changed, appeared or went. */
  changed(slot: number) {
    this.chunks[slot >> CHUNK_BITS] = undefined;
  }

  clear() {
    this.chunks.length = 0;
  }

  /** Whether text (lower-cased, one line) can be searched here; other text is tested per slot. */
  static searchable(text: string): boolean {
    return text !== '' && !text.includes(SEPARATOR);
  }

  /** A flag per slot below `slots`: 1 where the slot's text contains `text`. */
  find(text: string, slots: number): Uint8Array {
    const hits = new Uint8Array(slots);
    const chunks = Math.ceil(slots / CHUNK);
    for (let c = 0; c < chunks; c++) {
      const count = Math.min(CHUNK, slots - c * CHUNK);
      const { text: joined, starts } = this.current(c, count) ?? (this.chunks[c] = this.build(c, count));
      const base = c * CHUNK;
      let at = joined.indexOf(text);
      let slot = 0;
      while (at >= 0) {
        // The slot whose text holds `at`: the last start at or before it. Hits only move forward, so
        // this walk takes at most one step per slot of the chunk, where a short text hits nearly all.
        while (starts[slot + 1]! <= at) slot++;
        hits[base + slot] = 1;
        slot++;
        at = slot < count ? joined.indexOf(text, starts[slot]) : -1;
      }
    }
    return hits;
  }

  /**
   * Build one chunk that a search of the slots below `slots` would have to build; false when there is
   * none. A search builds what it needs itself: this lets idle time do it before the first keystroke.
   */
  buildNext(slots: number): boolean {
    for (let c = 0; c * CHUNK < slots; c++) {
      const count = Math.min(CHUNK, slots - c * CHUNK);
      if (this.current(c, count)) continue;
      this.chunks[c] = this.build(c, count);
      return true;
    }
    return false;
  }

  /** Chunk `c` if it is built for `count` slots and unchanged since. */
  private current(c: number, count: number): Chunk | undefined {
    const chunk = this.chunks[c];
    return chunk?.starts.length === count + 1 ? chunk : undefined;
  }

  private build(c: number, count: number): Chunk {
    const texts = new Array<string>(count);
    const starts = new Int32Array(count + 1);
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const t = this.textOf(c * CHUNK + i) ?? '';
      texts[i] = t;
      starts[i] = offset;
      offset += t.length + SEPARATOR.length;
    }
    starts[count] = offset;
    return { text: texts.join(SEPARATOR), starts };
  }
}
