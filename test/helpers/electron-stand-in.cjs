'use strict';
/**
 * A recording stand-in for the `electron` module, for running the built shell (out/main/index.js)
 * under Node where Electron's binary cannot run. It holds only what the shell asks of Electron,
 * reports every call to the test (process.send: `{ type: 'record', api, detail }`) and lets the test
 * act as the OS and the renderer (`{ type: 'command', id, cmd, ... }`, answered with a `reply`).
 * Its settings come from ELECTRON_STAND_IN (JSON): isPackaged, appData, resourcesPath, version, name,
 * and openUrlBeforeReady (a link handed over the way macOS starts an app from one).
 * Where real Electron refuses a call (a scheme made privileged after ready, a second handler for
 * one channel), so does this.
 */
const { EventEmitter } = require('node:events');
const { existsSync } = require('node:fs');

const config = JSON.parse(process.env.ELECTRON_STAND_IN || '{}');
if (config.resourcesPath) process.resourcesPath = config.resourcesPath;

const send = (message, done) => (process.send ? process.send(message, done) : done?.());
const record = (api, detail = {}) => send({ type: 'record', api, detail });
const preventable = () => {
  const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
};

let isReady = false;
const paths = { appData: config.appData };
const ipcHandlers = new Map();
const protocolHandlers = new Map();
const windows = [];
const notifications = [];
let permissionHandler = null;

class App extends EventEmitter {
  get isPackaged() {
    return !!config.isPackaged;
  }
  enableSandbox() {
    if (isReady) throw new Error('app.enableSandbox() must be called before the app is ready');
    record('app.enableSandbox');
  }
  setAppUserModelId(id) {
    record('app.setAppUserModelId', { id });
  }
  getPath(name) {
    if (!(name in paths)) throw new Error(`Failed to get '${name}' path`);
    return paths[name];
  }
  setPath(name, path) {
    record('app.setPath', { name, path });
    paths[name] = path;
  }
  getName() {
    return config.name;
  }
  getVersion() {
    return config.version;
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return true;
  }
  setAsDefaultProtocolClient(scheme, ...rest) {
    record('app.setAsDefaultProtocolClient', { scheme, rest });
    return true;
  }
  setLoginItemSettings(settings) {
    record('app.setLoginItemSettings', { settings });
  }
  isReady() {
    return isReady;
  }
  whenReady() {
    return ready;
  }
  quit() {
    record('app.quit');
    const event = preventable();
    this.emit('before-quit', event);
    record('app:before-quit', { prevented: event.defaultPrevented });
    if (event.defaultPrevented) return;
    this.emit('will-quit', preventable());
    this.emit('quit');
    send({ type: 'exit' }, () => process.exit(0));
  }
}
const app = new App();
const ready = new Promise((resolve) =>
  setImmediate(() => {
    // As macOS does when a link starts the app: open-url comes before ready.
    if (config.openUrlBeforeReady) app.emit('open-url', preventable(), config.openUrlBeforeReady);
    isReady = true;
    app.emit('ready');
    resolve();
  }),
);

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.loading = true;
    this.windowOpenHandler = null;
  }
  isLoading() {
    return this.loading;
  }
  send(channel, payload) {
    record('webContents.send', { channel, payload });
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
}

class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows.filter((w) => !w.destroyed);
  }
  constructor(options) {
    super();
    if (!isReady) throw new Error('Cannot create BrowserWindow before app is ready');
    record('new BrowserWindow', { options, preloadExists: !!options?.webPreferences?.preload && existsSync(options.webPreferences.preload) });
    this.destroyed = false;
    this.webContents = new WebContents();
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    record('BrowserWindow.loadURL', { url });
    // The page "loads": the window can show, and the renderer is ready for events.
    setImmediate(() => {
      this.webContents.loading = false;
      this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    });
    return Promise.resolve();
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {
    record('BrowserWindow.show');
  }
  focus() {
    record('BrowserWindow.focus');
  }
  hide() {
    record('BrowserWindow.hide');
  }
}

const ipcMain = {
  handle(channel, handler) {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, handler);
    record('ipcMain.handle', { channel });
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
  },
};

const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    // As Electron does: its code cache is keyed by origin, which only a standard scheme has.
    for (const s of schemes) if (s.privileges?.codeCache && !s.privileges.standard) throw new Error(`Code cache can only be enabled when the custom scheme is registered as standard scheme (${s.scheme})`);
    record('protocol.registerSchemesAsPrivileged', { schemes });
  },
  handle(scheme, handler) {
    if (!isReady) throw new Error('protocol.handle must be called after app is ready');
    protocolHandlers.set(scheme, handler);
    record('protocol.handle', { scheme });
  },
};

class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.index = notifications.push(this) - 1;
    record('new Notification', { options, index: this.index });
  }
  show() {
    record('Notification.show', { index: this.index });
  }
}

const nativeImage = {
  createFromPath(path) {
    record('nativeImage.createFromPath', { path, exists: existsSync(path) });
    return { path, isEmpty: () => !existsSync(path) };
  },
};

// Menu items keep their labels for the record; their click functions stay here.
const Menu = { buildFromTemplate: (template) => ({ template }) };

class Tray extends EventEmitter {
  constructor(image) {
    super();
    record('new Tray', { image: image.path });
  }
  setImage(image) {
    record('Tray.setImage', { image: image.path });
  }
  setToolTip(text) {
    record('Tray.setToolTip', { text });
  }
  setContextMenu(menu) {
    record('Tray.setContextMenu', { labels: menu.template.map((i) => i.label ?? i.type) });
  }
  destroy() {
    record('Tray.destroy');
  }
}

const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      permissionHandler = handler;
      record('session.setPermissionRequestHandler');
    },
  },
};

const shell = {
  openExternal(url) {
    record('shell.openExternal', { url });
    return Promise.resolve();
  },
};

/** What the test can do as the OS or the renderer. */
const commands = {
  async invoke({ channel, input, sender }) {
    const handler = ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: sender }, input);
  },
  async fetch({ url }) {
    const response = await protocolHandlers.get(new URL(url).protocol.slice(0, -1))(new Request(url));
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  },
  async emit({ event, args }) {
    const e = preventable();
    app.emit(event, e, ...args);
    return { prevented: e.defaultPrevented };
  },
  async navigate({ url }) {
    const e = preventable();
    windows[0].webContents.emit('will-navigate', e, url);
    return { prevented: e.defaultPrevented };
  },
  async openWindow({ url }) {
    return windows[0].webContents.windowOpenHandler({ url });
  },
  async closeWindow() {
    const e = preventable();
    windows[0].emit('close', e);
    return { prevented: e.defaultPrevented };
  },
  async permission({ permission }) {
    return new Promise((resolve) => permissionHandler(windows[0]?.webContents, permission, resolve));
  },
  async clickNotification({ index }) {
    notifications[index].emit('click');
  },
  async quit() {
    app.quit();
  },
};

process.on('message', (message) => {
  if (message?.type !== 'command') return;
  Promise.resolve()
    .then(() => commands[message.cmd](message))
    .then(
      (result) => send({ type: 'reply', id: message.id, result }),
      (err) => send({ type: 'reply', id: message.id, error: String(err?.stack ?? err) }),
    );
});

module.exports = { app, BrowserWindow, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray };
