import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY } from '../../src/main/electron/navigation';
import { contentSecurityPolicy } from '../../src/main/transports/csp';
import { callChannel, callNames, eventChannel } from '../../src/shared/contract';
import type { Simulator } from '../../tools/manager-sim/simulator';
import { startSim } from '../helpers/sim';

/**
 * The built Electron shell (out/main/index.js, as electron-vite builds it) run under Node with a
 * recording stand-in for the `electron` module (test/helpers/electron-stand-in.cjs), as an installed
 * app would start: packaged, its resources beside it, the OS data folder, a link on the command line.
 * The stand-in is found the ordinary way: the built app is copied next to a node_modules/electron that
 * holds it, and the app's other packages come from this checkout through NODE_PATH.
 */
const root = join(import.meta.dirname, '../..');
const appId = createRequire(import.meta.url)(join(root, 'electron-builder.config.cjs')).appId as string;
const LAUNCH_LINK = 'dragonfly-desk://settings';
const TRUSTED = { url: APP_ENTRY, parent: null };

interface Rec {
  api: string;
  detail: Record<string, any>;
}

/** The shell's process: what it asked of Electron so far, and a way to act on it as the OS would. */
class ShellProcess {
  readonly records: Rec[] = [];
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  exitedCleanly = false;
  private nextId = 0;
  private readonly replies = new Map<number, (m: { result?: unknown; error?: string }) => void>();
  private readonly watchers = new Set<() => void>();
  private readonly child: ChildProcess;

  constructor(entry: string, args: string[], env: NodeJS.ProcessEnv) {
    this.child = fork(entry, args, { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    for (const s of [this.child.stdout!, this.child.stderr!]) s.on('data', (d: Buffer) => this.output.push(d.toString()));
    this.child.on('message', (m: { type: string; id?: number; api?: string; detail?: Record<string, any>; result?: unknown; error?: string }) => {
      if (m.type === 'record') this.records.push({ api: m.api!, detail: m.detail ?? {} });
      if (m.type === 'exit') this.exitedCleanly = true;
      if (m.type === 'reply') this.replies.get(m.id!)?.(m);
      for (const w of this.watchers) w();
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      for (const w of this.watchers) w();
    });
  }

  calls(api: string) {
    return this.records.filter((r) => r.api === api).map((r) => r.detail);
  }

  command<T = any>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.replies.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.result as T)));
      this.child.send({ type: 'command', id, cmd, ...args });
    });
  }

  invoke<T = any>(name: string, input: unknown, sender: unknown = TRUSTED): Promise<T> {
    return this.command<T>('invoke', { channel: name, input, sender });
  }

  /** Resolves with the first record that matches; rejects if the shell exits first. */
  waitFor(what: string, match: (r: Rec) => boolean): Promise<Rec> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.records.find(match);
        if (found) {
          this.watchers.delete(check);
          resolve(found);
        } else if (this.child.exitCode !== null) {
          this.watchers.delete(check);
          reject(new Error(`the shell exited before ${what}:\n${this.output.join('')}`));
        }
      };
      this.watchers.add(check);
      check();
    });
  }

  kill() {
    if (this.child.exitCode === null) this.child.kill();
  }
}

/** Start the built shell as an installed app with these arguments and its own OS data folder. */
function launch(args: string[], appData: string, standIn: Record<string, unknown> = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_PATH: join(root, 'node_modules'),
    DESK_SECRETS: 'memory',
    XDG_CONFIG_HOME: join(work, 'config'),
    ELECTRON_STAND_IN: JSON.stringify({ isPackaged: true, appData: join(work, appData), resourcesPath: join(work, 'resources'), version: '0.1.0', name: 'Dragonfly Desk', ...standIn }),
  };
  delete env.DESK_DATA_DIR;
  delete env.APPIMAGE;
  return new ShellProcess(join(work, 'app/out/main/index.js'), args, env);
}

let sim: Simulator;
let work: string;
let shell: ShellProcess;
let failedJob: { managerId: string; jobId: number } | null = null;
const dataDir = () => join(work, 'appData', 'dragonfly-desk');
const sent = (channel: string) => shell.calls('webContents.send').filter((d) => d.channel === channel);

beforeAll(async () => {
  for (const f of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) {
    if (!existsSync(join(root, f))) throw new Error(`${f} is missing: build first (npm run build; npm test does)`);
  }
  sim = await startSim([{ name: 'eu' }]);
  work = mkdtempSync(join(tmpdir(), 'desk-shell-'));
  const appDir = join(work, 'app');
  cpSync(join(root, 'out'), join(appDir, 'out'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(appDir, 'package.json'));
  const standIn = join(appDir, 'node_modules', 'electron');
  mkdirSync(standIn, { recursive: true });
  copyFileSync(join(root, 'test/helpers/electron-stand-in.cjs'), join(standIn, 'index.js'));
  writeFileSync(join(standIn, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
  // An installed app's resources folder: what electron-builder's extraResources puts there.
  cpSync(join(root, 'resources/tray'), join(work, 'resources/tray'), { recursive: true });

  shell = launch([LAUNCH_LINK], 'appData');
  await shell.waitFor('the window loaded', (r) => r.api === 'BrowserWindow.loadURL');
}, 120_000);

afterAll(async () => {
  shell?.kill();
  await sim?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the built Electron shell, started as an installed app (Node, a recording stand-in for electron)', () => {
  it('starts before ready as Electron requires: sandbox for every renderer, the privileged app:// scheme, the app id, one instance', () => {
    const before = shell.records.findIndex((r) => r.api === 'new BrowserWindow');
    const early = shell.records.slice(0, before).map((r) => r.api);
    expect(early).toEqual(expect.arrayContaining(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']));
    expect(shell.calls('protocol.registerSchemesAsPrivileged')).toEqual([{ schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }] }]);
    // Windows shows notifications only for the id the installer gave the Start-menu shortcut.
    expect(shell.calls('app.setAppUserModelId')).toEqual([{ id: appId }]);
  });

  it('keeps its data in the OS data folder and claims dragonfly-desk:// when installed', async () => {
    expect(shell.calls('app.setPath')).toEqual([{ name: 'userData', path: dataDir() }]);
    expect(shell.calls('app.setAsDefaultProtocolClient')).toEqual([{ scheme: 'dragonfly-desk', rest: [] }]);
    const settings = await shell.invoke(callChannel('settings.get'), {});
    expect(settings).toMatchObject({ ok: true, value: { startAtLogin: false } });
    await shell.invoke(callChannel('settings.update'), { closeToTray: true });
    expect(JSON.parse(readFileSync(join(dataDir(), 'settings.json'), 'utf8'))).toMatchObject({ closeToTray: true, startAtLogin: false });
  });

  it('answers every contract call over IPC, and only the app main frame', async () => {
    expect(shell.calls('ipcMain.handle').map((d) => d.channel).sort()).toEqual(callNames.map(callChannel).sort());
    for (const name of callNames) {
      const channel = callChannel(name);
      for (const sender of [{ url: 'https://evil.example/', parent: null }, { url: APP_ENTRY, parent: {} }, null]) {
        expect(await shell.invoke(channel, {}, sender), `${name} from ${JSON.stringify(sender)}`).toMatchObject({ ok: false, code: 'invalid_input' });
      }
    }
    expect(await shell.invoke(callChannel('app.info'), {})).toMatchObject({ ok: true });
  });

  it('opens one window with the pinned security options and a preload the build holds', () => {
    const [win] = shell.calls('new BrowserWindow');
    expect(win!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win!.options.webPreferences.preload).toBe(join(work, 'app/out/preload/index.js'));
    expect(win!.preloadExists).toBe(true);
    expect(shell.calls('BrowserWindow.loadURL')).toEqual([{ url: APP_ENTRY }]);
  });

  it('locks the window to the app: no navigation away, new windows denied, http(s) to the browser, permissions refused', async () => {
    expect(await shell.command('navigate', { url: 'https://evil.example/' })).toEqual({ prevented: true });
    expect(await shell.command('navigate', { url: 'app://desk/index.html#/settings' })).toEqual({ prevented: false });
    expect(await shell.command('openWindow', { url: 'https://d7y.io/docs' })).toEqual({ action: 'deny' });
    expect(await shell.command('openWindow', { url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.calls('shell.openExternal')).toEqual([{ url: 'https://d7y.io/docs' }]);
    expect(await shell.command('permission', { permission: 'media' })).toBe(false);
  });

  it('serves out/renderer through app:// with the strict CSP, and nothing outside it', async () => {
    const page = await shell.command('fetch', { url: APP_ENTRY });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(page.body).toBe(readFileSync(join(root, 'out/renderer/index.html'), 'utf8'));
    const script = /src="([^"]+\.js)"/.exec(page.body)![1]!;
    const asset = await shell.command('fetch', { url: new URL(script, APP_ENTRY).href });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect((await shell.command('fetch', { url: 'app://desk/missing.js' })).status).toBe(404);
    expect((await shell.command('fetch', { url: 'app://desk/..%2f..%2fpackage.json' })).status).toBe(404);
  });

  it('builds the tray from icons that exist in the installed resources, with its menu', () => {
    const images = shell.calls('nativeImage.createFromPath');
    expect(images.map((i) => i.path).sort()).toEqual(['failures', 'ok', 'running'].map((s) => join(work, 'resources/tray', `${s}.png`)));
    expect(images.every((i) => i.exists)).toBe(true);
    expect(shell.calls('new Tray')).toEqual([{ image: join(work, 'resources/tray/ok.png') }]);
    expect(shell.calls('Tray.setContextMenu').at(-1)!.labels.length).toBeGreaterThan(2);
  });

  it('routes dragonfly-desk:// links from the command line, a second instance and open-url to the window', async () => {
    const navigate = eventChannel('app.navigate');
    await shell.waitFor('the launch link', (r) => r.api === 'webContents.send' && r.detail.channel === navigate);
    expect(sent(navigate)).toEqual([{ channel: navigate, payload: { link: LAUNCH_LINK } }]);

    const second = 'dragonfly-desk://failures?manager=m1';
    await shell.command('emit', { event: 'second-instance', args: [['/opt/Dragonfly Desk/dragonfly-desk', second], '/'] });
    const shows = shell.calls('BrowserWindow.show').length;
    expect(sent(navigate).at(-1)).toEqual({ channel: navigate, payload: { link: second } });
    expect(shows).toBeGreaterThan(0);

    const fromMac = 'dragonfly-desk://manager/m1/job/7';
    expect(await shell.command('emit', { event: 'open-url', args: [fromMac] })).toEqual({ prevented: true });
    expect(sent(navigate).at(-1)).toEqual({ channel: navigate, payload: { link: fromMac } });
  });

  it('raises an OS notification when a watched preheat fails, and its click opens the job', async () => {
    const added = await shell.invoke<{ ok: boolean; value: { id: string } }>(callChannel('managers.add'), {
      name: 'eu',
      baseUrl: sim.get('eu').url,
      auth: { kind: 'password', username: 'root', password: 'dragonfly' },
    });
    expect(added.ok).toBe(true);
    const eu = sim.get('eu');
    const job = eu.insertJob({
      createdAt: eu.clock.now(),
      patchedAt: null,
      pollerLostAt: null,
      taskId: `group_${randomUUID()}`,
      bio: 'shell test',
      type: 'preheat',
      userId: 1,
      clusterIds: [1],
      args: { type: 'file', urls: ['https://files.example.com/s.bin'], scope: 'single_seed_peer' },
      tasks: [{ clusterId: 1, taskUuid: `task_${randomUUID()}`, doneAfterS: 5, outcome: { kind: 'failure', error: 'no available seed peer' } }],
    });
    expect(await shell.invoke(callChannel('watch.kick'), {})).toMatchObject({ ok: true });
    // The manager's poller records the failure at t = 30 s; the next tick sees it.
    sim.clock.advance(31_000);
    expect(await shell.invoke(callChannel('watch.kick'), {})).toMatchObject({ ok: true });

    const created = await shell.waitFor('a notification', (r) => r.api === 'new Notification');
    expect(created.detail.options.title).toMatch(/fail/i);
    expect(`${created.detail.options.title} ${created.detail.options.body}`).toContain('eu');
    await shell.waitFor('the notification shown', (r) => r.api === 'Notification.show' && r.detail.index === created.detail.index);

    failedJob = { managerId: added.value.id, jobId: job.id };
    await shell.command('clickNotification', { index: created.detail.index });
    const navigate = eventChannel('app.navigate');
    expect(sent(navigate).at(-1)!.payload.link).toBe(`dragonfly-desk://manager/${added.value.id}/job/${job.id}`);
  });

  it('applies Start at login: an XDG autostart entry that starts the app hidden, removed when turned off', async () => {
    const entry = join(work, 'config/autostart/dragonfly-desk.desktop');
    expect(existsSync(entry)).toBe(false);
    expect(await shell.invoke(callChannel('settings.update'), { startAtLogin: true })).toMatchObject({ ok: true, value: { startAtLogin: true } });
    await until(() => existsSync(entry));
    expect(readFileSync(entry, 'utf8')).toContain(`Exec=${process.execPath} --hidden`);
    await shell.invoke(callChannel('settings.update'), { startAtLogin: false });
    await until(() => !existsSync(entry));
    // Linux has no Electron login items: only the autostart entry is used there.
    expect(shell.calls('app.setLoginItemSettings')).toEqual([]);
  });

  it('quits only after the back end has written what was pending', async () => {
    await shell.command('quit');
    const code = await shell.exited;
    expect(code).toBe(0);
    expect(shell.exitedCleanly).toBe(true);
    const order = shell.records.map((r) => (r.api === 'app:before-quit' ? `before-quit prevented=${r.detail.prevented}` : r.api)).filter((a) => /quit|Tray.destroy/.test(a));
    // The first quit is held while the back end closes; the shell quits again once it has.
    expect(order).toEqual(['app.quit', 'Tray.destroy', 'before-quit prevented=true', 'app.quit', 'before-quit prevented=false']);
    // Written by the back end's shutdown: the targets learned from the failed job (kept otherwise for 2 s).
    const targets = JSON.parse(readFileSync(join(dataDir(), 'job-targets.json'), 'utf8'));
    expect(targets.managers[failedJob!.managerId][String(failedJob!.jobId)]).toEqual([1]);
  });
});

describe('the built shell started at login (--hidden)', () => {
  it('stays in the tray without a window until the user opens it', async () => {
    const atLogin = launch(['--hidden'], 'appData-login');
    try {
      await atLogin.waitFor('the tray', (r) => r.api === 'Tray.setContextMenu');
      expect(atLogin.calls('new BrowserWindow')).toEqual([]);
      // Opening the app again (the launcher, a second instance) brings the window.
      await atLogin.command('emit', { event: 'second-instance', args: [['/opt/Dragonfly Desk/dragonfly-desk'], '/'] });
      expect(atLogin.calls('BrowserWindow.loadURL')).toEqual([{ url: APP_ENTRY }]);
      await atLogin.command('quit');
      expect(await atLogin.exited).toBe(0);
    } finally {
      atLogin.kill();
    }
  });
});

describe('the built shell started from a link on macOS (open-url before ready)', () => {
  it('keeps the link until its window has loaded, then opens it', async () => {
    const link = 'dragonfly-desk://outbox?submission=s1';
    const fromLink = launch([], 'appData-link', { openUrlBeforeReady: link });
    try {
      const navigate = eventChannel('app.navigate');
      await fromLink.waitFor('the link sent to the window', (r) => r.api === 'webContents.send' && r.detail.channel === navigate);
      expect(fromLink.calls('new BrowserWindow')).toHaveLength(1);
      expect(fromLink.calls('webContents.send').filter((d) => d.channel === navigate)).toEqual([{ channel: navigate, payload: { link } }]);
      await fromLink.command('quit');
      expect(await fromLink.exited).toBe(0);
    } finally {
      fromLink.kill();
    }
  });
});

/** Waits for a file the shell writes in the background; the test's own timeout bounds it. */
async function until(done: () => boolean) {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
}
