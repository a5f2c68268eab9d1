import './zod-jitless';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../../package.json';
import { createBackend } from './backend';
import { defaultDataDir } from './data-dir';
import { KeychainStore } from './secrets/keychain-store';
import { secretsChoice } from './secrets/secrets-choice';
import { startWebServer } from './transports/web/web-server';

/**
 * `node out/main/web.js`: the back end under plain Node, serving the UI on the loopback web transport.
 * Prints the URL with its one-time token; `--json` prints one JSON line for scripts and tests.
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
  const backend = await createBackend({
    dataDir,
    keychain: secrets === 'memory' ? null : new KeychainStore(),
    secretStorage: secrets === 'memory' ? undefined : secrets,
    transport: 'web',
    version: pkg.version,
    watch: refreshMs ? { busyMs: refreshMs, idleMs: refreshMs } : undefined,
  });
  const server = await startWebServer({
    backend,
    staticDir: values['static-dir'] ?? join(__dirname, '../renderer'),
    port: Number(values.port),
    token: values.token,
  });
  if (values.json) {
    const kept = backend.services.vault.status();
    const credentials = kept.notice ?? `kept in the ${kept.backend}`;
    process.stdout.write(`${JSON.stringify({ url: server.url, launchUrl: server.launchUrl, token: server.token, dataDir, pid: process.pid, credentials })}\n`);
  } else {
    const kept = backend.services.vault.status();
    process.stdout.write(
      `Dragonfly Desk (web transport, 127.0.0.1 only)\n  data: ${dataDir}\n  credentials: ${kept.notice ?? `kept in the ${kept.backend}`}\n  open: ${server.launchUrl}\n`,
    );
  }
  const stop = async () => {
    await server.close();
    await backend.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Started by a script (demo, tests): stop when the parent goes away and our stdin closes.
  if (values['exit-with-parent']) process.stdin.on('end', () => void stop()).resume();
}

main().catch((err) => {
  process.stderr.write(`Dragonfly Desk could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
