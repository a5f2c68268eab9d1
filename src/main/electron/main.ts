import '../zod-jitless';
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Notification, session, shell } from 'electron';
import { DEEP_LINK_SCHEME, deepLinkInArgs } from '../../shared/deep-link';
import { createBackend, type Backend } from '../backend';
import { APP_DIR_NAME } from '../data-dir';
import { KeychainStore } from '../secrets/keychain-store';
import { secretsChoice, type SecretsChoice } from '../secrets/secrets-choice';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { bindIpc } from './ipc';
import { applyStartAtLogin, HIDDEN_ARG } from './login-item';
import { APP_ENTRY, externalTarget, isAppUrl } from './navigation';
import { secretsOption } from './secrets-option';
import { runTrayAction } from '../notify/tray-actions';
import { trayInfo } from '../notify/tray-info';
import { DeskTray } from './tray';
import { mainWindowOptions } from './window-options';

registerAppScheme();
app.enableSandbox();
app.setAppUserModelId('io.d7y.dragonfly-desk');
// The OS data folder under a name that does not follow the product name, so an installed app, a
// development run and the web transport (data-dir.ts) share it: ~/.config/dragonfly-desk,
// ~/Library/Application Support/dragonfly-desk, %APPDATA%\dragonfly-desk.
app.setPath('userData', join(app.getPath('appData'), APP_DIR_NAME));

const resourcesDir = app.isPackaged ? process.resourcesPath : join(__dirname, '../../resources');

let backend: Backend | null = null;
let window: BrowserWindow | null = null;
let tray: DeskTray | null = null;
let quitting = false;
/** A link that arrived before the window could take it (cold start from a notification or the OS). */
let pendingLink: string | null = deepLinkInArgs(process.argv);
/** The latest OS notifications: one that is garbage-collected no longer reports its click. */
const shownNotifications: Notification[] = [];
/** Started by the session at login: stay in the tray until the user opens the window. */
const startHidden = process.argv.includes(HIDDEN_ARG) && !pendingLink;

function showWindow() {
  // Before ready no window may exist; the one created once ready is shown then.
  if (!app.isReady()) return;
  if (!window) createWindow();
  else {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}

function openLink(link: string) {
  // macOS hands over the link that started the app (open-url) before the app is ready, when no
  // window may be created yet: keep it for the window that opens once ready.
  if (!app.isReady()) {
    pendingLink = link;
    return;
  }
  showWindow();
  if (backend && window && !window.webContents.isLoading()) backend.navigate(link);
  else pendingLink = link;
}

function createWindow() {
  window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')));
  window.once('ready-to-show', () => window?.show());
  window.webContents.on('did-finish-load', () => {
    if (pendingLink && backend) {
      backend.navigate(pendingLink);
      pendingLink = null;
    }
  });
  window.on('close', (event) => {
    // Keep running in the tray when the user chose so; the watcher goes on.
    if (!quitting && tray && backend) {
      event.preventDefault();
      if (backend.services.settings.get().closeToTray) window?.hide();
      else {
        quitting = true;
        app.quit();
      }
    }
  });
  window.on('closed', () => {
    window = null;
  });
  window.webContents.on('did-start-loading', () => backend?.pageLoading());
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
  // Only an installed app claims dragonfly-desk:// (its installer registers it too); from a development
  // checkout the OS would hand the links to the bare Electron binary.
  if (app.isPackaged) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  app.on('second-instance', (_event, argv) => {
    const link = deepLinkInArgs(argv);
    if (link) openLink(link);
    else showWindow();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    serveRenderer(join(__dirname, '../renderer'));
    // DESK_DATA_DIR and DESK_SECRETS=memory give test runs their own isolated state; --secrets file
    // (or DESK_SECRETS=file) is the same as choosing the unencrypted file in Settings.
    let secrets: SecretsChoice | undefined;
    try {
      secrets = secretsChoice(secretsOption(process.argv) ?? process.env.DESK_SECRETS);
    } catch (err) {
      console.error(`Dragonfly Desk: ${(err as Error).message}`);
      app.exit(2);
      return;
    }
    backend = await createBackend({
      dataDir: process.env.DESK_DATA_DIR ?? app.getPath('userData'),
      keychain: secrets === 'memory' ? null : new KeychainStore(),
      secretStorage: secrets === 'memory' ? undefined : secrets,
      transport: 'electron',
      version: app.getVersion(),
    });
    bindIpc(ipcMain, backend);
    const kept = backend.services.vault.status();
    process.stdout.write(`Dragonfly Desk: credentials ${kept.notice ?? `kept in the ${kept.backend}`}\n`);
    const b = backend;
    const shell = {
      open: showWindow,
      link: openLink,
      quit: () => {
        quitting = true;
        app.quit();
      },
    };
    tray = new DeskTray(resourcesDir, (action) => {
      runTrayAction(action, { notifications: b.services.notifications, shell, now: Date.now }).catch((err) =>
        b.services.log(`tray: ${(err as Error).message}`),
      );
    });
    const refreshTray = () => tray?.update(trayInfo(b.services));
    refreshTray();
    b.subscribe((name, payload) => {
      if (name === 'watch.changed' || name === 'notifications.changed' || name === 'managers.changed') refreshTray();
      if (name === 'notifications.new' && Notification.isSupported()) {
        const n = payload as { title: string; body: string; link: string };
        const shown = new Notification({ title: n.title, body: n.body, urgency: 'critical' });
        shown.on('click', () => openLink(n.link));
        shown.show();
        shownNotifications.push(shown);
        shownNotifications.splice(0, shownNotifications.length - 20);
      }
    });
    let startAtLogin = b.services.settings.get().startAtLogin;
    const applyLogin = () => applyStartAtLogin(startAtLogin).catch((err) => b.services.log(`start at login: ${(err as Error).message}`));
    void applyLogin();
    b.services.settings.onChange((s) => {
      if (s.startAtLogin === startAtLogin) return;
      startAtLogin = s.startAtLogin;
      void applyLogin();
    });
    if (!startHidden) createWindow();
    app.on('activate', showWindow);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !tray) app.quit();
  });

  // Quit waits for the back end to write what is pending (history, caches), then quits for real.
  let closed = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed || !backend) return;
    event.preventDefault();
    tray?.destroy();
    tray = null;
    void backend
      .dispose()
      .catch((err) => process.stderr.write(`Dragonfly Desk: closing failed: ${(err as Error).message}\n`))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
