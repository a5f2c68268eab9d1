import { transport } from '@renderer/transport/api';

/**
 * In the web transport the browser shows the desktop notification (in Electron the main process
 * does). Only while the tab is hidden: in view, the bell already shows it.
 */
export function startBrowserNotifications(open: (link: string) => void) {
  if (transport.kind !== 'web' || typeof Notification === 'undefined') return () => {};
  return transport.on('notifications.new', (n) => {
    if (Notification.permission !== 'granted' || document.visibilityState === 'visible') return;
    const shown = new Notification(n.title, { body: n.body, tag: n.id });
    shown.onclick = () => {
      window.focus();
      open(n.link);
      shown.close();
    };
  });
}

export const browserCanAsk = () => transport.kind === 'web' && typeof Notification !== 'undefined' && Notification.permission === 'default';
