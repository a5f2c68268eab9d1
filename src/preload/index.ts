import { contextBridge, ipcRenderer } from 'electron';
import { callChannel, callNames, eventChannel, eventNames, type EventName } from '../shared/contract';

/**
 * One function per contract call, plus `on(event, listener) → unsubscribe`. No raw ipcRenderer
 * crosses the bridge, and listeners never see the IPC event object (it carries `sender`).
 */
const api: Record<string, unknown> = {};
for (const name of callNames) {
  api[name] = (input: unknown) => ipcRenderer.invoke(callChannel(name), input);
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!eventNames.includes(event)) throw new Error(`Unknown event "${event}"`);
  const channel = eventChannel(event);
  const wrapped = (_e: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
};

contextBridge.exposeInMainWorld('desk', api);
