import { BrowserWindow, type IpcMain } from 'electron';
import { callChannel, callNames, eventChannel } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { TransportHost } from '../transports/host';
import { isTrustedSender } from './navigation';

/** Bind every contract call to `ipcMain.handle` behind a sender check, and forward events to windows. */
export function bindIpc(ipcMain: IpcMain, backend: TransportHost): () => void {
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        backend.log(`ipc: refused ${name} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return fail('invalid_input', 'This window may not call the back end');
      }
      return backend.call(name, input);
    });
  }
  const unsubscribe = backend.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(eventChannel(name), payload);
  });
  return () => {
    unsubscribe();
    for (const name of callNames) ipcMain.removeHandler(callChannel(name));
  };
}
