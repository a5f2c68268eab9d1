import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../../package.json';
import type { Backend } from './backend';
import { defaultDataDir } from './data-dir';
import { useCodeCache } from './lifecycle/code-cache';
import { secretsChoice, type SecretsChoice } from './secrets/secrets-choice';
import { startWebServer } from './transports/web/web-server';

/** The services and everything they need (zod, undici, the keychain binding): loaded after the server listens. */
async function loadBackend(opts: { dataDir: string; secrets: SecretsChoice | undefined; refreshMs: number | undefined }): Promise<Backend> {
  // The back end first: it sets zod up before any schema is built.
  const { createBackend } = await import('./backend');
  const { KeychainStore } = await import('./secrets/keychain-store');
  return createBackend({
    dataDir: opts.dataDir,
    keychain: opts.secrets === 'memory' ? null : new KeychainStore(),
    secretStorage: opts.secrets === 'memory' ? undefined : opts.secrets,
    transport: 'web',
    version: pkg.version,
    watch: opts.refreshMs ? { busyMs: opts.refreshMs, idleMs: opts.refreshMs } : undefined,
  });
}

/** How long after the services are up the back end's code cache is written (and at exit if sooner). */
const CODE_CACHE_AFTER_MS = 10_000;

/**
 * `node out/main/web.js`: the back end under plain Node, serving the UI on the loopback web transport.
 * It listens first and prints the URL with its one-time token, so a browser fetches the page while
 * the services load behind it; then it says where credentials are kept. `--json` prints the same as
 * two JSON lines for scripts and tests: `{url, launchUrl, token, dataDir, pid}`, then `{ready, credentials}`.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      // Unset: the choice saved in Settings (the OS keychain unless the file was chosen).
      secrets: { type: 'string' },
      'static-dir': { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean', default: false },
      'refresh-ms': { type: 'string' },
      'exit-with-parent': { type: 'boolean', default: false },
    },
  });
  const secrets = secretsChoice(values.secrets);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const refreshMs = values['refresh-ms'] ? Number(values['refresh-ms']) : undefined;
  const saveCodeCache = useCodeCache(join(__dirname, 'chunks'), join(dataDir, 'code-cache'));
  // Loading the services blocks for a while: it begins once the server listens and the URL is out.
  let begin = () => undefined as void;
  const loading = new Promise<void>((resolve) => (begin = resolve)).then(() => loadBackend({ dataDir, secrets, refreshMs }));
  const server = await startWebServer({
    backend: loading,
    staticDir: values['static-dir'] ?? join(__dirname, '../renderer'),
    port: Number(values.port),
    token: values.token,
  });
  const stop = async () => {
    saveCodeCache();
    await server.close();
    await (await loading.catch(() => null))?.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Started by a script (demo, tests): stop when the parent goes away and our stdin closes.
  if (values['exit-with-parent']) process.stdin.on('end', () => void stop()).resume();

  if (values.json) process.stdout.write(`${JSON.stringify({ url: server.url, launchUrl: server.launchUrl, token: server.token, dataDir, pid: process.pid })}\n`);
  else process.stdout.write(`Dragonfly Desk (web transport, 127.0.0.1 only)\n  data: ${dataDir}\n  open: ${server.launchUrl}\n`);
  begin();

  const kept = (await loading).services.vault.status();
  const credentials = kept.notice ?? `kept in the ${kept.backend}`;
  process.stdout.write(values.json ? `${JSON.stringify({ ready: true, credentials })}\n` : `  credentials: ${credentials}\n`);
  // The cache was taken as each chunk loaded; writing it waits until the first screen has been served.
  setTimeout(saveCodeCache, CODE_CACHE_AFTER_MS).unref();
}

main().catch((err) => {
  process.stderr.write(`Dragonfly Desk could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
