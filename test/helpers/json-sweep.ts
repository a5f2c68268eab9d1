/**
 * A sweep over a JSON value: every field swapped for every kind of value, to hold a hand-written check
 * to its zod schema.
 */

/** Values a field may be swapped for: every JSON type, enum members of the app's records, and a few that are not. */
export const CANDIDATES: unknown[] = [undefined, null, 0, -1, 2.5, Infinity, '', 'x', true, false, [], {}, ['a'], [1], [null], 'pending', 'failed', 'succeeded', 'stuck', 'gone', 'unreadable', 'file', 'unknown', { id: 1 }, { id: 1, name: null }];

/** Every path into a value. */
export function* paths(value: unknown, at: (string | number)[] = []): Generator<(string | number)[]> {
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    const path = [...at, Array.isArray(value) ? Number(key) : key];
    yield path;
    yield* paths((value as Record<string, unknown>)[key], path);
  }
}

/** A copy of `value` with what sits at `path` swapped for `to` (undefined: taken out). */
export function swapped(value: unknown, path: (string | number)[], to: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  // JSON has no holes in arrays: an item taken out shortens its array.
  if (to === undefined && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (to === undefined) delete parent[last];
  else parent[last] = to;
  return copy;
}

/** Every single swap of `value`, with the path as text. */
export function* sweep(value: unknown): Generator<{ path: string; to: unknown; swapped: unknown }> {
  for (const path of paths(value)) for (const to of CANDIDATES) yield { path: path.join('.'), to, swapped: swapped(value, path, to) };
}
