import type { ChildProcess } from 'node:child_process';

export interface WebAppInfo {
  url: string;
  launchUrl: string;
  token: string;
  dataDir: string;
  pid: number;
  /** Printed once the services are up: absent when started with `untilReady: false`. */
  credentials?: string;
  ready?: true;
}
export declare function spawnJson(cmd: string, args: string[], opts?: object, lines?: number): Promise<{ child: ChildProcess; info: any; next: Promise<any> }>;
export declare function startSimulator(scenario?: string): Promise<{ child: ChildProcess; info: any }>;
export declare function startWebApp(opts?: {
  /** null: no --secrets option, so the choice saved in Settings applies. */
  secrets?: 'memory' | 'keychain' | 'file' | null;
  dataDir?: string;
  extra?: string[];
  env?: NodeJS.ProcessEnv;
  /** false: resolve as soon as it listens; `next` is then the line saying its services are up. */
  untilReady?: boolean;
}): Promise<{ child: ChildProcess; info: WebAppInfo; next: Promise<{ ready: true; credentials: string }> }>;
export declare function rpc(info: WebAppInfo, name: string, input?: unknown): Promise<any>;
/** Another one-time link into the app: each browser (context) needs its own. */
export declare function launchUrl(info: WebAppInfo): Promise<string>;
