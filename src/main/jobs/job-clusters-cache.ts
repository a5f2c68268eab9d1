import { join } from 'node:path';
import { z } from 'zod';
import { Debouncer } from '../lifecycle/debounce';
import type { Disposable } from '../lifecycle/disposable';
import { VersionedJsonFile } from '../storage/versioned-json';

const TargetsFile = z.object({
  version: z.literal(1),
  /** managerId → jobId → scheduler cluster ids. A job's targets never change, so entries never go stale. */
  managers: z.record(z.string(), z.record(z.string(), z.array(z.number()))),
});

/** Bound the file: job ids are only useful while the manager (or local history) still has the job. */
const MAX_PER_MANAGER = 50_000;

export interface JobClustersCacheOptions {
  dataDir: string;
  /** Writes are gathered for this long (a page of jobs learns many at once). */
  saveDelayMs?: number;
}

/** The targeted clusters the app has already learned, kept across restarts so no job is fetched twice. */
export class JobClustersCache implements Disposable {
  private data: z.infer<typeof TargetsFile> = { version: 1, managers: {} };
  private readonly file: VersionedJsonFile<typeof TargetsFile>;
  private readonly saver: Debouncer;
  notice: string | null = null;

  constructor(opts: JobClustersCacheOptions) {
    this.file = new VersionedJsonFile(join(opts.dataDir, 'job-targets.json'), TargetsFile, () => ({ version: 1, managers: {} }));
    this.saver = new Debouncer(opts.saveDelayMs ?? 2000, () => void this.file.save(this.data).catch(() => undefined), true);
  }

  async load() {
    const { value, setAside } = await this.file.load();
    this.data = value;
    if (setAside) this.notice = `The cache of job targets was unreadable (${setAside.reason}); it was set aside as ${setAside.path}.`;
  }

  get(managerId: string, jobId: number): number[] | null {
    return this.data.managers[managerId]?.[String(jobId)] ?? null;
  }

  set(managerId: string, jobId: number, ids: number[]) {
    const m = (this.data.managers[managerId] ??= {});
    m[String(jobId)] = ids;
    const keys = Object.keys(m);
    if (keys.length > MAX_PER_MANAGER) {
      // Job ids grow over time: drop the oldest.
      for (const k of keys.map(Number).sort((a, b) => a - b).slice(0, keys.length - MAX_PER_MANAGER)) delete m[String(k)];
    }
    this.saver.schedule();
  }

  dropManager(managerId: string) {
    if (!(managerId in this.data.managers)) return;
    delete this.data.managers[managerId];
    this.saver.schedule();
  }

  /** Write what is pending now: acknowledged once this resolves. */
  async flush() {
    this.saver.cancel();
    await this.file.save(this.data);
  }

  async dispose() {
    await this.flush().catch(() => undefined);
  }
}
