/**
 * `before` when `after` has the same content, else `after`: what an answer brings besides rows (a few
 * dozen small items) keeps its identity while it did not change, so what shows it does not re-render.
 */
export const unchanged = <T>(before: T, after: T): T => (JSON.stringify(before) === JSON.stringify(after) ? before : after);

/** `after`, with each item whose content matches the item of the same key in `before` replaced by that one. */
export function unchangedItems<T>(before: readonly T[], after: T[], key: (item: T) => string): T[] {
  const kept = new Map(before.map((item) => [key(item), item]));
  return after.map((item) => {
    const old = kept.get(key(item));
    return old === undefined ? item : unchanged(old, item);
  });
}

/** `unchangedItems`, and `before` itself when every item was kept in the same order: nothing that reads the list re-renders. */
export function unchangedList<T>(before: T[], after: T[], key: (item: T) => string): T[] {
  const list = unchangedItems(before, after, key);
  return list.length === before.length && list.every((x, i) => x === before[i]) ? before : list;
}
