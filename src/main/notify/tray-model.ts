import type { AppNotification } from '../../shared/models';
import { isPaused, trayState, type TrayState } from './policy';

export interface TrayInfo {
  unseen: number;
  pending: number;
  managersInError: number;
  latest: AppNotification[];
  pausedUntil: string | null;
}

export interface TrayItem {
  label: string;
  enabled?: boolean;
  type?: 'separator';
  /** What the item does; the Electron adapter binds these. */
  action?: { kind: 'open' } | { kind: 'link'; link: string } | { kind: 'pause'; minutes: number } | { kind: 'quit' };
}

/** The tray icon's look and menu, from the back end's state: plain data, so it is tested under Node. */
export function trayModel(info: TrayInfo, now: number): { state: TrayState; tooltip: string; items: TrayItem[] } {
  const { state, tooltip } = trayState({ unseenFailures: info.unseen, pending: info.pending, managersInError: info.managersInError });
  const paused = isPaused(info.pausedUntil, now);
  const items: TrayItem[] = [{ label: 'Open Dragonfly Desk', action: { kind: 'open' } }, { label: '', type: 'separator' }];
  if (info.latest.length === 0) items.push({ label: 'No preheat failures', enabled: false });
  for (const n of info.latest.slice(0, 5)) items.push({ label: `${n.seen ? '' : '● '}${n.title}`, action: { kind: 'link', link: n.link } });
  items.push({ label: '', type: 'separator' });
  items.push(
    paused
      ? { label: `Resume notifications (paused until ${new Date(info.pausedUntil!).toLocaleTimeString()})`, action: { kind: 'pause', minutes: 0 } }
      : { label: 'Pause notifications for 1 hour', action: { kind: 'pause', minutes: 60 } },
  );
  items.push({ label: 'Quit', action: { kind: 'quit' } });
  return { state, tooltip: paused ? `${tooltip} · notifications paused` : tooltip, items };
}
