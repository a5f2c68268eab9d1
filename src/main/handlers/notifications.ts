import type { HandlersOf } from '../../shared/contract';
import type { Services } from '../services';

export function notificationHandlers({ notifications }: Services): HandlersOf<'notifications'> {
  return {
    'notifications.view': async () => notifications.view(),
    'notifications.markSeen': async ({ ids }) => {
      await notifications.markSeen(ids);
      return notifications.view();
    },
    'notifications.pause': async ({ minutes }) => notifications.pause(minutes),
    'notifications.mute': async ({ managerId, until }) => notifications.mute(managerId, until),
    'notifications.unmute': async ({ managerId }) => notifications.unmute(managerId),
  };
}
