import type { AppNotification, ManagerMute } from '../../shared/models';
import { isPaused, trayState, type TrayState } from './policy';

export interface TrayInfo {
  unseen: number;
  pending: number;
  managersInError: number;
  latest: AppNotification[];
  pausedUntil: string | null;
  managers: { id: string; name: string }[];
  mutes: ManagerMute[];
}

export type TrayAction =
  | { kind: 'open' }
  | { kind: 'link'; link: string }
  | { kind: 'pause'; minutes: number }
  /** Mute a manager for this many minutes, or (null) until unmuted. */
  | { kind: 'mute'; managerId: string; minutes: number | null }
  | { kind: 'unmute'; managerId: string }
  | { kind: 'quit' };

export interface TrayItem {
  label: string;
  enabled?: boolean;
  type?: 'separator';
  /** What the item does; the Electron adapter binds these. */
  action?: TrayAction;
  submenu?: TrayItem[];
}

export const FAILURES_LINK = 'dragonfly-desk://failures';
export const SETTINGS_LINK = 'dragonfly-desk://settings';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Each manager: unmute it, or mute it for an hour, for 8 hours, or until unmuted. */
function muteMenu(info: TrayInfo): TrayItem {
  const submenu = info.managers.map((m): TrayItem => {
    const mute = info.mutes.find((x) => x.managerId === m.id);
    if (mute) return { label: `Unmute ${m.name} (muted ${mute.until ? `until ${time(mute.until)}` : 'until unmuted'})`, action: { kind: 'unmute', managerId: m.id } };
    return {
      label: m.name,
      submenu: [
        { label: 'For 1 hour', action: { kind: 'mute', managerId: m.id, minutes: 60 } },
        { label: 'For 8 hours', action: { kind: 'mute', managerId: m.id, minutes: 480 } },
        { label: 'Until I unmute it', action: { kind: 'mute', managerId: m.id, minutes: null } },
      ],
    };
  });
  return submenu.length ? { label: 'Mute a manager', submenu } : { label: 'Mute a manager', enabled: false };
}

/** The tray icon's look and menu, from the back end's state: plain data, so it is tested under Node. */
export function trayModel(info: TrayInfo, now: number): { state: TrayState; tooltip: string; items: TrayItem[] } {
  const { state, tooltip } = trayState({ unseenFailures: info.unseen, pending: info.pending, managersInError: info.managersInError });
  const paused = isPaused(info.pausedUntil, now);
  const items: TrayItem[] = [
    { label: 'Open Dragonfly Desk', action: { kind: 'open' } },
    { label: 'Failure log', action: { kind: 'link', link: FAILURES_LINK } },
    { label: 'Settings', action: { kind: 'link', link: SETTINGS_LINK } },
    { label: '', type: 'separator' },
  ];
  if (info.latest.length === 0) items.push({ label: 'No preheat failures', enabled: false });
  for (const n of info.latest.slice(0, 5)) items.push({ label: `${n.seen ? '' : '● '}${n.title}`, action: { kind: 'link', link: n.link } });
  items.push({ label: '', type: 'separator' });
  items.push(
    paused
      ? { label: `Resume notifications (paused until ${time(info.pausedUntil!)})`, action: { kind: 'pause', minutes: 0 } }
      : { label: 'Pause notifications for 1 hour', action: { kind: 'pause', minutes: 60 } },
  );
  items.push(muteMenu(info));
  items.push({ label: '', type: 'separator' }, { label: 'Quit', action: { kind: 'quit' } });
  const muted = info.mutes.length ? ` · ${info.mutes.length} manager${info.mutes.length === 1 ? '' : 's'} muted` : '';
  return { state, tooltip: `${tooltip}${paused ? ' · notifications paused' : ''}${muted}`, items };
}
