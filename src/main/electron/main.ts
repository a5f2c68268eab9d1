import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { createBackend, type Backend } from '../backend';
import { KeytarStore } from '../secrets/keytar-store';
import { MemoryStore } from '../secrets/memory-store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { bindIpc } from './ipc';
import { APP_ENTRY, externalTarget, isAppUrl } from './navigation';
import { mainWindowOptions } from './window-options';

registerAppScheme();
app.enableSandbox();

let backend: Backend | null = null;
let window: BrowserWindow | null = null;

function createWindow() {
  window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')));
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  void window.loadURL(APP_ENTRY);
}

// Every web contents, present and future: no navigation away from the app, no new windows,
// http(s) links to the user's browser, no <webview>.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const target = externalTarget(url);
    if (target) void shell.openExternal(target);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    serveRenderer(join(__dirname, '../renderer'));
    // DESK_DATA_DIR and DESK_SECRETS=memory give test runs their own isolated state.
    backend = await createBackend({
      dataDir: process.env.DESK_DATA_DIR ?? app.getPath('userData'),
      secrets: process.env.DESK_SECRETS === 'memory' ? new MemoryStore() : new KeytarStore(),
      transport: 'electron',
      version: app.getVersion(),
    });
    bindIpc(ipcMain, backend);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', () => {
    void backend?.close();
  });
}
