import type { ManagerRegistry } from '../managers/registry';
import type { SettingsStore } from '../settings/settings-store';
import type { Watcher } from '../watch/watcher';
import type { NotificationCenter } from './notification-center';
import type { TrayInfo } from './tray-model';

/** What the tray shows: unread failures, pending jobs, managers in error, the latest notifications, mutes. */
export function trayInfo(s: { notifications: NotificationCenter; watcher: Watcher; settings: SettingsStore; registry: ManagerRegistry }): TrayInfo {
  const view = s.notifications.view();
  return {
    unseen: view.unseen,
    pending: s.watcher.pendingCount(),
    managersInError: s.watcher.states().filter((w) => !w.ok).length,
    latest: s.notifications.latest(5),
    pausedUntil: s.settings.get().pausedUntil,
    managers: s.registry.all().map((r) => ({ id: r.id, name: r.name })),
    mutes: view.mutes,
  };
}
