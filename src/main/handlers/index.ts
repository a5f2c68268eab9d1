import type { Handlers } from '../../shared/contract';
import type { Services } from '../services';
import { appHandlers } from './app';
import { clusterHandlers } from './clusters';
import { dashboardHandlers } from './dashboard';
import { draftHandlers } from './drafts';
import { failureHandlers } from './failures';
import { jobHandlers } from './jobs';
import { managerHandlers } from './managers';
import { notificationHandlers } from './notifications';
import { outboxHandlers } from './outbox';
import { preheatHandlers } from './preheats';
import { secretHandlers } from './secrets';
import { settingsHandlers } from './settings';
import { watchHandlers } from './watch';

/** Every contract call, one file per contract area; the type makes a missing or extra handler an error. */
export function createHandlers(s: Services): Handlers {
  return {
    ...appHandlers(s),
    ...managerHandlers(s),
    ...secretHandlers(s),
    ...jobHandlers(s),
    ...preheatHandlers(s),
    ...outboxHandlers(s),
    ...draftHandlers(s),
    ...failureHandlers(s),
    ...notificationHandlers(s),
    ...settingsHandlers(s),
    ...watchHandlers(s),
    ...dashboardHandlers(s),
    ...clusterHandlers(s),
  };
}
