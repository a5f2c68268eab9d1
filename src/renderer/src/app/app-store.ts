import { create } from 'zustand';
import type { AppInfo } from '@shared/models';
import { call, transport } from '@renderer/transport/api';
import { openLink } from './route';

/** What the back end says of itself: its transport, where secrets are kept, notices for the operator. */
export const useAppInfo = create<{ info: AppInfo | null; load(): Promise<void> }>((set) => ({
  info: null,
  async load() {
    const r = await call('app.info', {});
    if (r.ok) set({ info: r.value });
  },
}));

/** Links the back end passes on (a notification, the tray, the OS) open their screen. */
export const followLinks = () => transport.on('app.navigate', ({ link }) => openLink(link));
