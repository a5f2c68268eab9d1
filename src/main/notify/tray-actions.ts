import type { NotificationCenter } from './notification-center';
import type { TrayAction } from './tray-model';

export interface TrayShell {
  open(): void;
  link(link: string): void;
  quit(): void;
}

/** Do what a tray item asks: window and links through the shell, pausing and muting in the back end. */
export async function runTrayAction(action: TrayAction, deps: { notifications: Pick<NotificationCenter, 'pause' | 'mute' | 'unmute'>; shell: TrayShell; now: () => number }) {
  const { notifications, shell } = deps;
  switch (action.kind) {
    case 'open':
      return shell.open();
    case 'link':
      return shell.link(action.link);
    case 'quit':
      return shell.quit();
    case 'pause':
      return void (await notifications.pause(action.minutes));
    case 'mute':
      return void (await notifications.mute(action.managerId, action.minutes === null ? null : new Date(deps.now() + action.minutes * 60_000).toISOString()));
    case 'unmute':
      return void (await notifications.unmute(action.managerId));
  }
}
