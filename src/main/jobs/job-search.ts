import { SearchCorpus } from '../lifecycle/search-corpus';

/** A query that could run from a job's `#<id>` across the space into its URLs. */
const ID_HEAD = /^#?\d* /;
/** A query that can lie within `#<id>`. */
const ID_PART = /^#?\d*$/;

/** What a job is found by besides its id: its URLs and description, lower-cased. */
export const searchBodyOf = (urls: readonly string[], description: string) => `${urls.join(' ')} ${description}`.toLowerCase();

/**
 * Search over the jobs' text, `#<id> <urls> <description>`, keeping each distinct `<urls> <description>`
 * once. A fleet preheats the same images and files again and on every manager, from a few description
 * templates: bench:list's 100,000 jobs hold a few hundred distinct texts, where one text per job took
 * about 25 MiB. A search scans the distinct texts, then maps their hits to the jobs that hold them.
 * Jobs are addressed by their slot in the index.
 */
export class JobSearch {
  private readonly bodyIds = new Map<string, number>();
  private readonly bodies: (string | undefined)[] = [];
  private readonly uses: number[] = [];
  private readonly freeBodies: number[] = [];
  private readonly bodyCorpus = new SearchCorpus((b) => this.bodies[b] ?? null);
  /** Per slot: its body, -1 for an empty slot; and its job id. */
  private bodyOf = new Int32Array(0);
  private ids = new Float64Array(0);
  /** `#<id>` per slot, built only when a query could match inside an id. */
  private readonly idCorpus = new SearchCorpus((slot) => (this.bodyOf[slot]! >= 0 ? `#${this.ids[slot]}` : null));

  /** How many distinct texts are kept: what the search's memory grows with. */
  get distinctTexts(): number {
    return this.bodyIds.size;
  }

  /** Slot `slot` now holds job `id` with this body (see searchBodyOf). */
  set(slot: number, id: number, body: string) {
    this.grow(slot + 1);
    const old = this.bodyOf[slot]!;
    if (old >= 0 && this.bodies[old] === body && this.ids[slot] === id) return;
    this.clear(slot);
    let b = this.bodyIds.get(body);
    if (b === undefined) {
      b = this.freeBodies.pop() ?? this.bodies.length;
      this.bodies[b] = body;
      this.uses[b] = 0;
      this.bodyIds.set(body, b);
      this.bodyCorpus.changed(b);
    }
    this.uses[b]!++;
    this.bodyOf[slot] = b;
    this.ids[slot] = id;
    this.idCorpus.changed(slot);
  }

  /** Slot `slot` holds no job any more. */
  clear(slot: number) {
    const b = slot < this.bodyOf.length ? this.bodyOf[slot]! : -1;
    if (b < 0) return;
    this.bodyOf[slot] = -1;
    this.idCorpus.changed(slot);
    if (--this.uses[b]! > 0) return;
    this.bodyIds.delete(this.bodies[b]!);
    this.bodies[b] = undefined;
    this.freeBodies.push(b);
    this.bodyCorpus.changed(b);
  }

  /** A flag per slot below `slots`: 1 where the job's text contains `text` (lower-cased, one line). */
  find(text: string, slots: number): Uint8Array {
    const hits = new Uint8Array(slots);
    const n = Math.min(slots, this.bodyOf.length);
    if (ID_HEAD.test(text)) {
      // Rare enough to test each job's whole text.
      for (let s = 0; s < n; s++) {
        const b = this.bodyOf[s]!;
        if (b >= 0 && `#${this.ids[s]} ${this.bodies[b]}`.includes(text)) hits[s] = 1;
      }
      return hits;
    }
    const bodyHits = this.bodyCorpus.find(text, this.bodies.length);
    for (let s = 0; s < n; s++) {
      const b = this.bodyOf[s]!;
      if (b >= 0) hits[s] = bodyHits[b]!;
    }
    if (ID_PART.test(text)) {
      const idHits = this.idCorpus.find(text, n);
      for (let s = 0; s < n; s++) if (idHits[s]) hits[s] = 1;
    }
    return hits;
  }

  /** Build one more chunk of the distinct texts ahead of a search; false when all are built. */
  prepare(): boolean {
    return this.bodyCorpus.buildNext(this.bodies.length);
  }

  private grow(size: number) {
    if (size <= this.bodyOf.length) return;
    const length = Math.max(size, this.bodyOf.length * 2, 1024);
    const bodyOf = new Int32Array(length).fill(-1);
    bodyOf.set(this.bodyOf);
    const ids = new Float64Array(length);
    ids.set(this.ids);
    this.bodyOf = bodyOf;
    this.ids = ids;
  }
}
