import { readFile, rename, rm } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

export interface LoadResult<T> {
  value: T;
  /** Set when the file existed but could not be used; it was moved aside, never overwritten. */
  setAside: { path: string; reason: string } | null;
}

/**
 * A JSON document with a `version` field, validated by a zod schema on every load.
 * A file that does not parse or does not fit is renamed to `<name>.corrupt-<time>` and reported.
 */
export class VersionedJsonFile<S extends z.ZodType<{ version: number }>> {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly schema: S,
    private readonly empty: () => z.infer<S>,
  ) {}

  async load(): Promise<LoadResult<z.infer<S>>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { value: this.empty(), setAside: null };
      throw err;
    }
    let reason: string;
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) return { value: parsed.data, setAside: null };
      const issue = parsed.error.issues[0];
      reason = `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'does not fit'}`;
    } catch (err) {
      reason = `not valid JSON (${(err as Error).message})`;
    }
    const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, aside);
    return { value: this.empty(), setAside: { path: aside, reason } };
  }

  /** Writes are serialised so that the last save always wins on disk. */
  save(value: z.infer<S>): Promise<void> {
    const data = `${JSON.stringify(value, null, 2)}\n`;
    const next = this.writing.then(() => writeFileAtomic(this.path, data));
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** Delete the file, after any write still under way. */
  remove(): Promise<void> {
    const next = this.writing.then(() => rm(this.path, { force: true }));
    this.writing = next.catch(() => undefined);
    return next;
  }
}
