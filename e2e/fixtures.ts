import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Page } from '@playwright/test';
import { launchUrl, rpc, startWebApp } from '../scripts/lib/processes.cjs';

export interface AppInfo {
  url: string;
  launchUrl: string;
  token: string;
  dataDir: string;
  /** Where credentials are kept, as `npm start` says it. */
  credentials: string;
}

export interface RunningApp {
  info: AppInfo;
  child: ChildProcess;
  rpc(name: string, input?: unknown): Promise<{ ok: boolean; value?: any; message?: string }>;
  /** A fresh one-time link into the app (a link works once). */
  launchUrl(): Promise<string>;
  stop(): void;
  /** Stop, and wait until the process has exited (its files are closed). */
  stopped(): Promise<void>;
}

/**
 * The built app on the web transport with a fresh data directory (or `opts.dataDir`). Secrets go to
 * the real keychain when a session bus is up (npm test starts one), else to memory; `opts.secrets:
 * null` leaves the choice to the app's settings.
 */
export async function launchApp(
  extra: string[] = [],
  opts: { dataDir?: string; env?: NodeJS.ProcessEnv; secrets?: 'keychain' | 'file' | 'memory' | null } = {},
): Promise<RunningApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'desk-e2e-'));
  const secrets = opts.secrets !== undefined ? opts.secrets : process.env.DBUS_SESSION_BUS_ADDRESS ? 'keychain' : 'memory';
  const { child, info } = await startWebApp({ secrets, dataDir, extra, env: opts.env ?? process.env });
  return {
    info: info as AppInfo,
    child,
    rpc: (name, input = {}) => rpc(info, name, input),
    launchUrl: () => launchUrl(info),
    stop: () => child.kill('SIGTERM'),
    stopped: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Everything the back end sends to the page: every /rpc answer and every socket frame (events and call answers). */
export function recordPayloads(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', async (res) => {
    if (!res.url().includes('/rpc/')) return;
    try {
      seen.push(await res.text());
    } catch {
      // the page navigated away before the body was read
    }
  });
  page.on('websocket', (ws) => ws.on('framereceived', (f) => seen.push(String(f.payload))));
  return seen;
}

export function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [{ path: p, text: readFileSync(p, 'utf8') }];
  });
}
