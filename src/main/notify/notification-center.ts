import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { DeskError } from '../../shared/result';
import { AppNotification, type ManagerMute, type NotificationCenterView, type SubmissionTarget, type SubmissionView } from '../../shared/models';
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
  /** Whether partial failures notify, until when notifications are paused, which managers are muted. */
  settings: Pick<SettingsStore, 'get' | 'update'>;
  /** A configured manager's name; null once it is removed (its mute goes with it). */
  managerName: (managerId: string) => string | null;
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

  /** Muted now: a mute whose time has passed, or whose manager was removed, no longer counts. */
  private mutes(): ManagerMute[] {
    return Object.entries(this.opts.settings.get().mutedManagers).flatMap(([managerId, until]) => {
      const managerName = this.opts.managerName(managerId);
      return managerName !== null && (until === null || Date.parse(until) > this.now()) ? [{ managerId, managerName, until }] : [];
    });
  }

  /** Whether a notification about this manager reaches the desktop now. */
  private silenced(managerId: string): boolean {
    return isPaused(this.pausedUntil(), this.now()) || this.mutes().some((m) => m.managerId === managerId);
  }

  /** Mute one manager until a time, or (null) until unmuted. Its notifications still go under the bell. */
  async mute(managerId: string, until: string | null): Promise<NotificationCenterView> {
    if (this.opts.managerName(managerId) === null) throw new DeskError('not_found', `No manager with id ${managerId} is configured`);
    if (until !== null && Date.parse(until) <= this.now()) {
      throw new DeskError('invalid_input', 'Muted until must be in the future', { fields: [{ path: 'until', message: 'Muted until must be in the future' }] });
    }
    return this.setMutes({ ...this.activeMutes(), [managerId]: until === null ? null : new Date(Date.parse(until)).toISOString() });
  }

  async unmute(managerId: string): Promise<NotificationCenterView> {
    const { [managerId]: _gone, ...rest } = this.activeMutes();
    return this.setMutes(rest);
  }

  private activeMutes(): Record<string, string | null> {
    return Object.fromEntries(this.mutes().map((m) => [m.managerId, m.until]));
  }

  private async setMutes(mutedManagers: Record<string, string | null>): Promise<NotificationCenterView> {
    await this.opts.settings.update({ mutedManagers });
    const view = this.view();
    this.opts.changed(view);
    return view;
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
    return { unseen: this.items.filter((i) => !i.seen).length, items: this.items, pausedUntil: this.pausedUntil(), mutes: this.mutes() };
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
    for (const n of made) if (!this.silenced(n.managerId)) this.opts.deliver(n);
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
    if (!this.silenced(n.managerId)) this.opts.deliver(n);
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
