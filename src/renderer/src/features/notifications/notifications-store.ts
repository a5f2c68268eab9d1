import { create } from 'zustand';
import type { NotificationCenterView } from '@shared/models';
import { call, transport } from '@renderer/transport/api';

interface NotificationsState {
  view: NotificationCenterView;
  error: string | null;
  load(): Promise<void>;
  markSeen(ids: string[] | 'all'): Promise<void>;
  pause(minutes: number): Promise<void>;
  /** Mute one manager's desktop notifications until a time, or (null) until unmuted. */
  mute(managerId: string, until: string | null): Promise<void>;
  unmute(managerId: string): Promise<void>;
}

export const useNotifications = create<NotificationsState>((set) => {
  const apply = (res: Awaited<ReturnType<typeof call<'notifications.view'>>>) =>
    set(res.ok ? { view: res.value, error: null } : { error: res.message });
  return {
    view: { unseen: 0, items: [], pausedUntil: null, mutes: [] },
    error: null,
    load: async () => apply(await call('notifications.view', {})),
    markSeen: async (ids) => apply(await call('notifications.markSeen', { ids })),
    pause: async (minutes) => apply(await call('notifications.pause', { minutes })),
    mute: async (managerId, until) => apply(await call('notifications.mute', { managerId, until })),
    unmute: async (managerId) => apply(await call('notifications.unmute', { managerId })),
  };
});

/** Desktop notifications are paused at `now`. */
export const isPaused = (view: NotificationCenterView, now: number) => view.pausedUntil !== null && Date.parse(view.pausedUntil) > now;

transport.on('notifications.changed', (view) => useNotifications.setState({ view }));
