import { JobStatus } from '../../shared/models';
import type { JobEntry } from './job-entry';

const STATUSES = JobStatus.options;
const KINDS: JobEntry['kind'][] = ['image', 'file', 'unknown'];

/**
 * The index's jobs as columns, a row ("slot") per job. As objects, 100,000 entries took 15 MiB: 128 bytes
 * each plus two boxed times. Here numbers sit in typed arrays and only the shared texts and lists are
 * referenced, 67 bytes a job. An entry object is made only when one is read.
 */
export class JobColumns {
  private capacity = 0;
  /** Every manager id met, interned: a slot keeps its number. */
  private readonly managerIds: string[] = [];
  private readonly managerNumbers = new Map<string, number>();
  private managerNo = new Int32Array(0);
  /** Read directly by the index's sorts and filters, which run over every job. */
  id = new Float64Array(0);
  created = new Float64Array(0);
  updated = new Float64Array(0);
  private failedPeers = new Int32Array(0);
  private statusNo = new Uint8Array(0);
  private kindNo = new Uint8Array(0);
  private goneFlag = new Uint8Array(0);
  private readonly states: string[] = [];
  readonly urls: string[][] = [];
  readonly descriptions: string[] = [];
  readonly clusterIds: (number[] | null)[] = [];

  managerId(slot: number): string {
    return this.managerIds[this.managerNo[slot]!]!;
  }

  state(slot: number): string {
    return this.states[slot]!;
  }

  failedPeersOf(slot: number): number {
    return this.failedPeers[slot]!;
  }

  status(slot: number): JobStatus {
    return STATUSES[this.statusNo[slot]!]!;
  }

  kind(slot: number): JobEntry['kind'] {
    return KINDS[this.kindNo[slot]!]!;
  }

  gone(slot: number): boolean {
    return this.goneFlag[slot] === 1;
  }

  markGone(slot: number) {
    this.goneFlag[slot] = 1;
  }

  /** Whether the slot holds what the entry says, in every field a list shows. */
  same(slot: number, e: JobEntry): boolean {
    return (
      this.states[slot] === e.state &&
      this.status(slot) === e.status &&
      this.updated[slot] === e.updatedMs &&
      this.descriptions[slot] === e.description &&
      this.failedPeers[slot] === e.failedPeers &&
      this.gone(slot) === e.gone &&
      sameIds(this.clusterIds[slot]!, e.clusterIds)
    );
  }

  write(slot: number, e: JobEntry) {
    if (slot >= this.capacity) this.grow(slot + 1);
    let m = this.managerNumbers.get(e.managerId);
    if (m === undefined) {
      this.managerNumbers.set(e.managerId, (m = this.managerIds.length));
      this.managerIds.push(e.managerId);
    }
    this.managerNo[slot] = m;
    this.id[slot] = e.id;
    this.created[slot] = e.createdMs;
    this.updated[slot] = e.updatedMs;
    this.failedPeers[slot] = e.failedPeers;
    this.statusNo[slot] = STATUSES.indexOf(e.status);
    this.kindNo[slot] = KINDS.indexOf(e.kind);
    this.goneFlag[slot] = e.gone ? 1 : 0;
    this.states[slot] = e.state;
    this.urls[slot] = e.urls;
    this.descriptions[slot] = e.description;
    this.clusterIds[slot] = e.clusterIds;
  }

  /** Let go of what a freed slot references. */
  clear(slot: number) {
    this.urls[slot] = EMPTY;
    this.descriptions[slot] = '';
    this.clusterIds[slot] = null;
  }

  /** A copy of the slot's job, to keep. */
  read(slot: number): JobEntry {
    return {
      managerId: this.managerId(slot),
      id: this.id[slot]!,
      state: this.states[slot]!,
      status: this.status(slot),
      kind: this.kind(slot),
      urls: this.urls[slot]!,
      description: this.descriptions[slot]!,
      createdMs: this.created[slot]!,
      updatedMs: this.updated[slot]!,
      clusterIds: this.clusterIds[slot]!,
      failedPeers: this.failedPeers[slot]!,
      gone: this.gone(slot),
    };
  }

  private grow(atLeast: number) {
    this.capacity = Math.max(1024, atLeast, this.capacity * 2);
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.capacity);
      b.set(a);
      return b;
    };
    this.managerNo = grown(this.managerNo);
    this.id = grown(this.id);
    this.created = grown(this.created);
    this.updated = grown(this.updated);
    this.failedPeers = grown(this.failedPeers);
    this.statusNo = grown(this.statusNo);
    this.kindNo = grown(this.kindNo);
    this.goneFlag = grown(this.goneFlag);
  }
}

const EMPTY: string[] = [];

function sameIds(a: number[] | null, b: number[] | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((v, i) => v === b[i]);
}

/** A job read in place from the columns. JobIndex.forEachOf moves one view from slot to slot, so nothing is copied. */
export class JobView implements Readonly<JobEntry> {
  slot = 0;

  constructor(private readonly cols: JobColumns) {}

  get managerId() {
    return this.cols.managerId(this.slot);
  }
  get id() {
    return this.cols.id[this.slot]!;
  }
  get state() {
    return this.cols.state(this.slot);
  }
  get status() {
    return this.cols.status(this.slot);
  }
  get kind() {
    return this.cols.kind(this.slot);
  }
  get urls() {
    return this.cols.urls[this.slot]!;
  }
  get description() {
    return this.cols.descriptions[this.slot]!;
  }
  get createdMs() {
    return this.cols.created[this.slot]!;
  }
  get updatedMs() {
    return this.cols.updated[this.slot]!;
  }
  get clusterIds() {
    return this.cols.clusterIds[this.slot]!;
  }
  get failedPeers() {
    return this.cols.failedPeersOf(this.slot);
  }
  get gone() {
    return this.cols.gone(this.slot);
  }
}
