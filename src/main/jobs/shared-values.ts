/**
 * One copy of a value many jobs hold alike, by a key: the same image or file is preheated again and on
 * every manager, descriptions come from templates, a fleet has few states and sets of clusters. Bounded:
 * past `max` distinct keys the table starts afresh (values already handed out stay valid), so a fleet of
 * all-different URLs costs a table, not a leak. Shared values are never mutated.
 */
export class SharedValues<T> {
  private readonly table = new Map<string, T>();

  constructor(private readonly max: number) {}

  get(key: string, make: () => T): T {
    let value = this.table.get(key);
    if (value === undefined) {
      if (this.table.size >= this.max) this.table.clear();
      this.table.set(key, (value = make()));
    }
    return value;
  }
}
