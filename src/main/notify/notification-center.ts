import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { AppNotification, type NotificationCenterView, type SubmissionTarget, type SubmissionView } from '../../shared/models';
import type { SettingsStore } from '../settings/settings-store';
import { VersionedJsonFile } from '../storage/versioned-json';
import { isPaused, planNotifications, type WatchEvent } from './policy';

const CenterFile = z.object({
  version: z.literal(1),
  items: z.array(AppNotification),
  /** `${managerId}:${jobId}:${kind}` already notified: a restart never notifies them again. */
  notified: z.array(z.string()),
});

const KEEP_ITEMS = 200;
const KEEP_NOTIFIED = 50_000;

export interface CenterOptions {
  dataDir: string;
  /** Whether partial failures notify, and until when notifications are paused. */
  settings: Pick<SettingsStore, 'get' | 'update'>;
  now?: () => number;
  /** Show one on the desktop (Electron) or in the browser (web transport); not called while paused. */
  deliver: (n: AppNotification) => void;
  changed: (view: NotificationCenterView) => void;
}

/**
 * The in-app notification center, and the one place that decides what reaches the desktop. Notified
 * jobs are remembered on disk, so repeated ticks and restarts never notify twice.
 */
export class NotificationCenter {
  private items: AppNotification[] = [];
  private notified = new Set<string>();
  private readonly file: VersionedJsonFile<typeof CenterFile>;
  private readonly now: () => number;

  constructor(private readonly opts: CenterOptions) {
    this.file = new VersionedJsonFile(join(opts.dataDir, 'notifications.json'), CenterFile, () => ({ version: 1, items: [], notified: [] }));
    this.now = opts.now ?? Date.now;
  }

  private pausedUntil() {
    return this.opts.settings.get().pausedUntil;
  }

  /** Pause notifications for a while (minutes), or resume them (0). */
  async pause(minutes: number): Promise<NotificationCenterView> {
    await this.opts.settings.update({ pausedUntil: minutes ? new Date(this.now() + minutes * 60_000).toISOString() : null });
    const view = this.view();
    this.opts.changed(view);
    return view;
  }

  async load() {
    const { value } = await this.file.load();
    this.items = value.items;
    this.notified = new Set(value.notified);
  }

  view(): NotificationCenterView {
    return { unseen: this.items.filter((i) => !i.seen).length, items: this.items, pausedUntil: this.pausedUntil() };
  }

  /** Unseen failures, for the tray icon. */
  unseen(): number {
    return this.items.filter((i) => !i.seen).length;
  }

  latest(n: number): AppNotification[] {
    return this.items.slice(0, n);
  }

  async handle(events: WatchEvent[]): Promise<AppNotification[]> {
    const planned = planNotifications(events, { notifyPartial: this.opts.settings.get().notifyPartial, notified: (k) => this.notified.has(k) });
    if (planned.length === 0) return [];
    const at = new Date(this.now()).toISOString();
    const made = planned.map((p): AppNotification => ({ id: randomUUID(), at, managerId: p.managerId, managerName: p.managerName, title: p.title, body: p.body, link: p.link, seen: false }));
    for (const p of planned) for (const k of p.jobs) this.notified.add(k);
    // Jobs notified long ago are gone from every manager; the newest keys are all that can repeat.
    if (this.notified.size > KEEP_NOTIFIED) this.notified = new Set([...this.notified].slice(-KEEP_NOTIFIED));
    this.items = [...made.reverse(), ...this.items].slice(0, KEEP_ITEMS);
    await this.persist();
    if (!isPaused(this.pausedUntil(), this.now())) for (const n of made) this.opts.deliver(n);
    this.opts.changed(this.view());
    return made;
  }

  /**
   * A queued part settled (created once its manager answered again, or refused): said once, under the
   * bell and on the desktop, like a failure.
   */
  async announceOutbox(sub: SubmissionView, part: SubmissionTarget): Promise<void> {
    const what = sub.description || sub.urls[0] || 'a preheat';
    const created = part.state === 'created' && part.jobId !== null;
    const n: AppNotification = {
      id: randomUUID(),
      at: new Date(this.now()).toISOString(),
      managerId: part.managerId,
      managerName: part.managerName,
      title: created ? `Queued preheat created on ${part.managerName}` : `Queued preheat refused by ${part.managerName}`,
      body: created ? `${what}: job #${part.jobId}` : `${what}: ${part.error?.message ?? 'refused'}`,
      link: created ? `dragonfly-desk://manager/${encodeURIComponent(part.managerId)}/job/${part.jobId}` : `dragonfly-desk://outbox?submission=${encodeURIComponent(sub.id)}`,
      seen: false,
    };
    this.items = [n, ...this.items].slice(0, KEEP_ITEMS);
    await this.persist();
    if (!isPaused(this.pausedUntil(), this.now())) this.opts.deliver(n);
    this.opts.changed(this.view());
  }

  async markSeen(ids: string[] | 'all') {
    this.items = this.items.map((i) => (ids === 'all' || ids.includes(i.id) ? { ...i, seen: true } : i));
    await this.persist();
    this.opts.changed(this.view());
  }

  private async persist() {
    await this.file.save({ version: 1, items: this.items, notified: [...this.notified] });
  }
}
