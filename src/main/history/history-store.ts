import { closeSync, fsync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JobDetail, JobStatus } from '../../shared/models';
import { Debouncer } from '../lifecycle/debounce';
import type { Disposable } from '../lifecycle/disposable';
import { writeFileAtomicSync } from '../storage/atomic-file';
import { loadedRecord } from './record-check';

/** A job as the list shows it, without what can be derived again. */
export const StoredEntry = z.object({
  state: z.string(),
  status: JobStatus,
  kind: z.enum(['image', 'file', 'unknown']),
  urls: z.array(z.string()),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  clusterIds: z.array(z.number()).nullable(),
  failedPeers: z.number(),
  gone: z.boolean(),
});
export type StoredEntry = z.infer<typeof StoredEntry>;

export const Transition = z.object({
  at: z.string(),
  from: JobStatus.nullable(),
  /** A status, or what happened to a pending job: stuck past 65 min, gone from the manager, or unreadable. */
  to: z.union([JobStatus, z.literal('stuck'), z.literal('gone'), z.literal('unreadable')]),
  /** Found over when the app started or the manager was added, not watched as it ended: it did not notify. */
  seenAtStart: z.literal(true).optional(),
});
export type Transition = z.infer<typeof Transition>;

const Record_ = z.object({
  jobId: z.number(),
  entry: StoredEntry,
  transitions: z.array(Transition),
  /** The detail of a finished job as last read: error log, per-peer results, args (secrets masked). */
  detail: JobDetail.nullable(),
  notified: z.boolean(),
  seenAt: z.string(),
});
export type HistoryRecord = z.infer<typeof Record_>;

/**
 * A record as loading reads it: the detail (the bulk of a line: error logs, per-peer results) is
 * checked when it is read, not at start-up, where only the summary is kept. Loading checks lines by
 * hand (`loadedRecord`, record-check.ts, for speed); this schema is what that check is held to.
 */
export const Loaded = Record_.extend({ detail: z.unknown() });

const Header = z.object({ version: z.literal(1), managerId: z.string() });

/** What stays in memory per job: everything but the detail, which is read from disk when asked for. */
export type HistorySummary = Omit<HistoryRecord, 'detail'> & { hasDetail: boolean; managerId: string };

/**
 * What stays in memory of a record, built field by field with arrays of their exact length: a spread
 * copy gets a hidden class of its own in V8, and arrays parsed by zod keep room for 17 items, together
 * about 500 bytes more per job kept (heap snapshot of bench:list, 2026-12-01).
 */
function summaryOf(r: Omit<HistoryRecord, 'detail'>, hasDetail: boolean, managerId: string): HistorySummary {
  const e = r.entry;
  return {
    jobId: r.jobId,
    entry: {
      state: e.state,
      status: e.status,
      kind: e.kind,
      urls: e.urls.slice(),
      description: e.description,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      clusterIds: e.clusterIds?.slice() ?? null,
      failedPeers: e.failedPeers,
      gone: e.gone,
    },
    transitions: r.transitions.slice(),
    notified: r.notified,
    seenAt: r.seenAt,
    hasDetail,
    managerId,
  };
}

interface Slot {
  summary: HistorySummary;
  /** Where the newest line of this job sits in the manager's file. */
  offset: number;
  length: number;
}

interface ManagerFile {
  path: string;
  /** Open for appending while the store runs. */
  fd: number;
  slots: Map<number, Slot>;
  lines: number;
  size: number;
  /** Written since the last fsync. */
  dirty: boolean;
  /** Background fsyncs not yet done: whoever closes the file syncs it first. */
  syncing: number;
}

/** Sees a stored detail at load, as parsed from its line and not yet checked. */
export type LoadVisitor = (managerId: string, entry: StoredEntry, detail: unknown) => void;

export interface HistoryLimits {
  retentionDays: number;
  maxMB: number;
}

export interface HistoryStoreOptions {
  dir: string;
  limits: HistoryLimits;
  now?: () => number;
  /** Appends reach the file at once; fsyncs are gathered for this long. */
  syncDelayMs?: number;
}

/**
 * Every preheat job the app has seen, kept after the manager forgets it (managers delete jobs 6–9 h
 * after creation). One append-only JSON-lines file per manager, versioned by a header line; the newest
 * line of a job wins. Files are compacted atomically (temp file, fsync, rename) when they have grown to
 * twice their live size, and trimmed to the retention and size limits.
 *
 * Durability: `put()` writes its line before it returns, so a crash of the app (kill -9) loses no
 * record it acknowledged; the fsync that also covers a crash of the machine starts within
 * `syncDelayMs` (300 ms). A line cut short by a crash is cut off at load, before anything is appended
 * after it. A file that does not start with a known header is set aside and reported.
 */
export class HistoryStore implements Disposable {
  private readonly files = new Map<string, ManagerFile>();
  private readonly syncer: Debouncer;
  private readonly dir: string;
  private limits: HistoryLimits;
  private readonly now: () => number;
  readonly notices: string[] = [];

  constructor(opts: HistoryStoreOptions) {
    this.dir = opts.dir;
    this.limits = opts.limits;
    this.now = opts.now ?? Date.now;
    this.syncer = new Debouncer(
      opts.syncDelayMs ?? 300,
      () => {
        this.syncInBackground();
        this.compactIfNeeded();
      },
      true,
    );
  }

  /**
   * Read every manager's file. `visit` sees each stored detail as it is parsed (unchecked, older lines
   * of a job too), so whoever derives something from details needs no second read of them.
   */
  async load(visit?: LoadVisitor): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.dir)) {
      const m = /^([^.]+)\.jsonl$/.exec(name);
      if (m) await this.loadFile(decodeURIComponent(m[1]!), join(this.dir, name), visit);
    }
    this.enforceLimits();
  }

  private async loadFile(managerId: string, path: string, visit: LoadVisitor | undefined) {
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n');
    const header = Header.safeParse(safeJson(lines[0] ?? ''));
    if (!header.success || header.data.managerId !== managerId) {
      const aside = `${path}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
      await rename(path, aside);
      this.notices.push(`The job history of one manager could not be read; it was set aside as ${aside}.`);
      return;
    }
    const slots = new Map<number, Slot>();
    let count = 0;
    let offset = Buffer.byteLength(lines[0]!) + 1;
    /** The end of the last complete, readable line: anything after it is a torn tail. */
    let goodEnd = offset;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const length = Buffer.byteLength(line);
      const complete = i < lines.length - 1;
      if (line !== '') {
        const rec = complete ? loadedRecord(safeJson(line)) : null;
        if (rec) {
          const hasDetail = rec.detail !== null && rec.detail !== undefined;
          if (visit && hasDetail) visit(managerId, rec.entry, rec.detail);
          slots.set(rec.jobId, { summary: summaryOf(rec, hasDetail, managerId), offset, length });
          count++;
          goodEnd = offset + length + 1;
        }
      } else if (complete) goodEnd = offset + 1;
      offset += length + 1;
    }
    const size = Buffer.byteLength(text);
    if (goodEnd < size) {
      // A crash cut the last line short: cut it off, so the next append starts on a line of its own.
      truncateSync(path, goodEnd);
      this.notices.push('The last entry of a job history file was cut short (the app stopped mid-write); it was removed.');
    }
    this.files.set(managerId, { path, fd: openSync(path, 'a', 0o600), slots, lines: count, size: Math.min(size, goodEnd), dirty: false, syncing: 0 });
  }

  private file(managerId: string): ManagerFile {
    let f = this.files.get(managerId);
    if (!f) {
      const path = join(this.dir, `${encodeURIComponent(managerId)}.jsonl`);
      const header = `${JSON.stringify({ version: 1, managerId })}\n`;
      writeFileAtomicSync(path, header);
      f = { path, fd: openSync(path, 'a', 0o600), slots: new Map(), lines: 0, size: Buffer.byteLength(header), dirty: false, syncing: 0 };
      this.files.set(managerId, f);
    }
    return f;
  }

  summaries(managerId?: string): HistorySummary[] {
    const files = managerId ? [this.files.get(managerId)].filter((f): f is ManagerFile => !!f) : [...this.files.values()];
    return files.flatMap((f) => [...f.slots.values()].map((s) => s.summary));
  }

  summary(managerId: string, jobId: number): HistorySummary | null {
    return this.files.get(managerId)?.slots.get(jobId)?.summary ?? null;
  }

  /** How many jobs the history keeps for a manager. */
  count(managerId: string): number {
    return this.files.get(managerId)?.slots.size ?? 0;
  }

  /** The stored detail of a job, read from its line on disk. */
  detail(managerId: string, jobId: number): JobDetail | null {
    // A detail that no longer fits (edited by hand, or a bug) reads as none; the job stays listed.
    const detail = JobDetail.safeParse(this.storedDetail(managerId, jobId));
    return detail.success ? detail.data : null;
  }

  /** A job's detail as parsed from its line on disk, not checked: whoever reads it checks what it uses. */
  storedDetail(managerId: string, jobId: number): unknown {
    const f = this.files.get(managerId);
    const slot = f?.slots.get(jobId);
    if (!f || !slot || !slot.summary.hasDetail) return undefined;
    const buf = Buffer.alloc(slot.length);
    const fd = openSync(f.path, 'r');
    try {
      readSync(fd, buf, 0, slot.length, slot.offset);
    } finally {
      closeSync(fd);
    }
    return (safeJson(buf.toString('utf8')) as { detail?: unknown } | undefined)?.detail;
  }

  /** Write a job's newest record; it is in the file when this returns. A detail of null keeps the stored one. */
  put(managerId: string, record: HistoryRecord | (HistorySummary & { detail: null })) {
    const f = this.file(managerId);
    const previous = f.slots.get(record.jobId);
    const detail = record.detail ?? (previous?.summary.hasDetail ? this.detail(managerId, record.jobId) : null);
    const { detail: _d, hasDetail: _h, managerId: _m, ...rest } = record as HistoryRecord & { hasDetail?: boolean; managerId?: string };
    const line = JSON.stringify({ ...rest, detail });
    const length = Buffer.byteLength(line);
    writeSync(f.fd, `${line}\n`);
    f.slots.set(record.jobId, { summary: summaryOf(record, detail !== null, managerId), offset: f.size, length });
    f.size += length + 1;
    f.lines++;
    f.dirty = true;
    this.syncer.schedule();
  }

  /** Forget a manager's history: its file goes, and any file of an earlier identity of it. */
  forgetManager(managerId: string) {
    const f = this.files.get(managerId);
    if (f) {
      closeSync(f.fd);
      this.files.delete(managerId);
    }
    const prefix = `${encodeURIComponent(managerId)}.`;
    for (const name of readdirSync(this.dir)) if (name.startsWith(prefix)) rmSync(join(this.dir, name), { force: true });
  }

  /** Forget jobs the user deleted: the file is rewritten without them (atomically) before this returns. */
  forgetJobs(managerId: string, jobIds: readonly number[]) {
    const f = this.files.get(managerId);
    if (!f) return;
    let removed = false;
    for (const id of jobIds) removed = f.slots.delete(id) || removed;
    if (!removed) return;
    this.syncNow();
    this.compact(managerId);
  }

  /**
   * Start a manager's history afresh (another address, or its database was reset): the old file is kept
   * aside as `<id>.epoch-<n>.jsonl`, no longer read, and removed with the manager.
   */
  archiveManager(managerId: string, epoch: number) {
    const f = this.files.get(managerId);
    if (!f) return;
    this.syncNow();
    closeSync(f.fd);
    this.files.delete(managerId);
    renameSync(f.path, join(this.dir, `${encodeURIComponent(managerId)}.epoch-${epoch}.jsonl`));
  }

  /**
   * fsync every file written since the last one on the thread pool: synchronous, each fsync held up the
   * UI's calls (bench:list, 2026-12-01: 234 ms of 7 s while the watcher wrote ten files, on a disk
   * otherwise idle; far longer on a busy one). A file closed before its fsync ran was compacted
   * (its lines are in the new, synced file), archived or disposed of (both sync first): EBADF is no loss.
   */
  private syncInBackground() {
    for (const f of this.files.values()) {
      if (!f.dirty) continue;
      f.dirty = false;
      f.syncing++;
      fsync(f.fd, (err) => {
        f.syncing--;
        if (err && err.code !== 'EBADF') f.dirty = true;
      });
    }
  }

  /** fsync every file written since the last one, or whose background fsync is not done, before this returns. */
  syncNow() {
    for (const f of this.files.values()) {
      if (!f.dirty && !f.syncing) continue;
      fsyncSync(f.fd);
      f.dirty = false;
    }
  }

  private compactIfNeeded() {
    for (const [managerId, f] of this.files) if (f.lines > 2 * f.slots.size + 500) this.compact(managerId);
  }

  /**
   * Rewrite a manager's file with only the newest line of each job, atomically. Synchronous on purpose:
   * nothing may add a line between reading the old file and switching to the new one.
   */
  private compact(managerId: string) {
    const f = this.files.get(managerId);
    if (!f) return;
    const text = readFileSync(f.path);
    const header = `${JSON.stringify({ version: 1, managerId })}\n`;
    const parts: string[] = [header];
    let offset = Buffer.byteLength(header);
    const slots = new Map<number, Slot>();
    for (const [jobId, slot] of f.slots) {
      const line = text.subarray(slot.offset, slot.offset + slot.length).toString('utf8');
      parts.push(`${line}\n`);
      slots.set(jobId, { ...slot, offset });
      offset += slot.length + 1;
    }
    writeFileAtomicSync(f.path, parts.join(''));
    closeSync(f.fd);
    f.fd = openSync(f.path, 'a', 0o600);
    f.slots = slots;
    f.lines = slots.size;
    f.size = offset;
    f.dirty = false;
  }

  setLimits(limits: HistoryLimits) {
    this.limits = limits;
    this.enforceLimits();
  }

  /** Drop jobs older than the retention, then the oldest until every file fits the size limit. */
  enforceLimits() {
    const cutoff = this.now() - this.limits.retentionDays * 86400_000;
    const maxBytes = this.limits.maxMB * 1024 * 1024;
    const headers = () => [...this.files.keys()].reduce((n, id) => n + Buffer.byteLength(JSON.stringify({ version: 1, managerId: id })) + 1, 0);
    const total = () => headers() + [...this.files.values()].reduce((n, f) => n + [...f.slots.values()].reduce((m, s) => m + s.length + 1, 0), 0);
    let changed = false;
    for (const f of this.files.values()) {
      for (const [id, s] of f.slots) {
        if (Date.parse(s.summary.entry.createdAt) < cutoff) {
          f.slots.delete(id);
          changed = true;
        }
      }
    }
    if (total() > maxBytes) {
      const all = [...this.files.values()].flatMap((f) => [...f.slots.entries()].map(([id, s]) => ({ f, id, at: Date.parse(s.summary.entry.createdAt), size: s.length + 1 })));
      all.sort((a, b) => a.at - b.at);
      let over = total() - maxBytes;
      for (const x of all) {
        if (over <= 0) break;
        x.f.slots.delete(x.id);
        over -= x.size;
        changed = true;
      }
    }
    if (changed) for (const managerId of this.files.keys()) this.compact(managerId);
  }

  /** Bytes the history takes on disk. */
  async bytes(): Promise<number> {
    let n = 0;
    for (const f of this.files.values()) n += (await stat(f.path).catch(() => ({ size: 0 }))).size;
    return n;
  }

  dispose() {
    this.syncer.cancel();
    this.syncNow();
    this.compactIfNeeded();
    for (const f of this.files.values()) closeSync(f.fd);
    this.files.clear();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
