/**
 * Paces job creation to each cluster's `job_rate_limit` (manager-api.md §6): the manager's limiter is a
 * GCRA per cluster, so this keeps the same arithmetic on our side with half the burst, leaving room for
 * other clients. One create may name several clusters; it waits until every one of them has room.
 */
export class CreatePacer {
  private readonly tat = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** How long until a create to these clusters may go, without taking the slot. */
  private waitFor(keys: { key: string; perSecond: number }[]): number {
    const now = this.now();
    let wait = 0;
    for (const { key, perSecond } of keys) {
      const interval = 1000 / perSecond;
      const burst = Math.max(1, Math.floor(perSecond / 2));
      const tat = Math.max(this.tat.get(key) ?? now, now);
      wait = Math.max(wait, tat + interval - burst * interval - now);
    }
    return wait;
  }

  async acquire(managerId: string, clusters: { id: number; perSecond: number }[]): Promise<void> {
    // A cluster whose slots are all in the past has nothing to remember.
    if (this.tat.size > 1000) for (const [k, t] of this.tat) if (t < this.now()) this.tat.delete(k);
    const keys = clusters.map((c) => ({ key: `${managerId}:${c.id}`, perSecond: Math.max(1, c.perSecond) }));
    for (;;) {
      const wait = this.waitFor(keys);
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    const now = this.now();
    for (const { key, perSecond } of keys) this.tat.set(key, Math.max(this.tat.get(key) ?? now, now) + 1000 / perSecond);
  }
}
