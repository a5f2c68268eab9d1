import { mkdir } from 'node:fs/promises';
import type { EventName, EventPayload } from '../shared/contract';
import { isSecretHeader } from './jobs/detail';
import { JobService } from './jobs/job-service';
import { join } from 'node:path';
import { failureText } from '../shared/failure-text';
import type { AppNotification, SecretStorageStatus } from '../shared/models';
import { failuresFromHistory } from './failures/from-history';
import { FailureLog } from './failures/failure-log';
import { HistoryStore } from './history/history-store';
import { learnTokenExpiry } from './managers/token-expiry';
import { NotificationCenter } from './notify/notification-center';
import { SettingsStore } from './settings/settings-store';
import { Watcher } from './watch/watcher';
import { specFromJob } from './preheats/from-job';
import { RegistryPasswords } from './preheats/registry-passwords';
import { SubmissionService } from './preheats/submissions';
import { TargetCatalog } from './preheats/targets';
import { TargetsCache } from './jobs/targets-cache';
import { createLogger, type Log } from './log/logger';
import { Redactor } from './log/redact';
import { ManagerClient } from './manager-client/client';
import { testConnection } from './managers/connection-test';
import { draftCredentials } from './managers/credentials';
import { ManagerRegistry } from './managers/registry';
import { DashboardService } from './dashboard/dashboard-service';
import { InventoryService } from './dashboard/inventory';
import { observedStore } from './secrets/observed-store';
import type { ListableSecretStore } from './secrets/secret-store';
import { SecretVault, type SecretPreference } from './secrets/secret-vault';
import type { Handlers } from './transports/dispatch';

export interface BackendOptions {
  dataDir: string;
  /** The OS keychain; null keeps credentials in memory for this run only (demo, tests). */
  keychain: ListableSecretStore | null;
  /** `--secrets file|keychain`: the same as choosing it in Settings. */
  secretStorage?: SecretPreference;
  transport: 'electron' | 'web';
  version: string;
  now?: () => number;
  /** Also print log lines to stderr. */
  echoLog?: boolean;
  jobs?: { perPage?: number };
  /** Watcher tick intervals (tests and the demo shorten them). */
  watch?: { busyMs?: number; idleMs?: number };
}

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface Backend {
  handlers: Handlers;
  log: Log;
  subscribe(listener: EventListener): () => void;
  /** Follow a `dragonfly-desk://` link: tells the UI to open that screen. */
  navigate(link: string): void;
  /** Where credentials are kept, for the shell's start-up line. */
  secretStatus(): SecretStorageStatus;
  /** Tray and desktop state for the Electron shell. */
  trayInfo(): { unseen: number; pending: number; managersInError: number; latest: AppNotification[]; pausedUntil: string | null };
  close(): Promise<void>;
}

/** Build the whole back end: plain Node, no Electron. Both transports bind `handlers`. */
export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const now = opts.now ?? Date.now;
  await mkdir(opts.dataDir, { recursive: true, mode: 0o700 });
  const redactor = new Redactor();
  const log = createLogger(opts.dataDir, redactor, opts.echoLog);
  const listeners = new Set<EventListener>();
  const emit: EventListener = (name, payload) => {
    for (const l of listeners) l(name, payload);
  };

  const settings = new SettingsStore(opts.dataDir);
  await settings.load();
  if (opts.secretStorage && opts.secretStorage !== settings.get().secretStorage) await settings.update({ secretStorage: opts.secretStorage });
  const vault = new SecretVault({
    keychain: opts.keychain,
    dataDir: opts.dataDir,
    preference: () => settings.get().secretStorage,
    savePreference: async (secretStorage) => void (await settings.update({ secretStorage })),
    now,
    log,
  });
  await vault.start();
  const secrets = observedStore(vault, redactor);

  const registry = new ManagerRegistry(opts.dataDir, secrets, now, () => vault.kept);
  await registry.load();
  vault.onChange(() => {
    emit('secrets.changed', vault.status());
    void registry.refreshSecretFlags().then(() => emit('managers.changed', {}));
  });
  const targets = new TargetsCache(opts.dataDir);
  await targets.load();
  const history = new HistoryStore(join(opts.dataDir, 'history'), { retentionDays: settings.get().historyRetentionDays, maxMB: settings.get().historyMaxMB }, now);
  await history.load();
  settings.onChange((s) => history.setLimits({ retentionDays: s.historyRetentionDays, maxMB: s.historyMaxMB }));
  const jobs = new JobService(registry, targets, (version) => emit('jobs.changed', { version }), { ...opts.jobs, now, log }, history);
  jobs.loadHistory();

  const failures = new FailureLog();
  failures.append(failuresFromHistory(history, (id) => registry.records_().find((r) => r.id === id)?.name ?? null));
  const center = new NotificationCenter(opts.dataDir, {
    now,
    notifyPartial: () => settings.get().notifyPartial,
    pausedUntil: () => settings.get().pausedUntil,
    deliver: (n) => emit('notifications.new', { id: n.id, title: n.title, body: n.body, link: n.link }),
    changed: (view) => emit('notifications.changed', view),
  });
  await center.load();
  const watcher = new Watcher(registry, jobs, history, failures, {
    now,
    log,
    busyMs: opts.watch?.busyMs,
    idleMs: opts.watch?.idleMs,
    onEvents: async (events) => {
      await center.handle(events);
    },
    onTick: (states, added) => {
      emit('watch.changed', states);
      if (added) emit('failures.appended', { newestId: failures.newestId, added });
    },
  });

  const learnExpiries = () => {
    for (const r of registry.records_()) if (r.auth.kind === 'pat' && !r.auth.tokenExpiresAt) void learnTokenExpiry(registry, r.id).catch(() => null);
  };
  // Saving a connection report changes the registry too; only a change of who or where to ask
  // reloads the lists and wakes the watcher (ten managers added at once wake it once).
  const configOf = () => registry.records_().map((r) => `${r.id}|${r.baseUrl}|${r.auth.kind}|${r.updatedAt}`).join('\n');
  let config = configOf();
  let kickTimer: NodeJS.Timeout | null = null;
  registry.onChange(() => {
    emit('managers.changed', {});
    if (configOf() === config) return;
    config = configOf();
    // The list's first pages go first; the watcher's first look at a new manager follows them.
    void jobs.syncManagers().then(() => {
      kickTimer ??= setTimeout(() => {
        kickTimer = null;
        watcher.kick();
      }, 250);
    });
  });
  void jobs.syncManagers().then(learnExpiries);
  watcher.start();

  let inventoryTimer: NodeJS.Timeout | null = null;
  const inventory = new InventoryService(
    registry,
    () => {
      // Ten managers answering within a moment make one event, not ten.
      inventoryTimer ??= setTimeout(() => {
        inventoryTimer = null;
        emit('dashboard.changed', {});
      }, 100);
    },
    now,
    log,
  );
  const dashboard = new DashboardService(registry, inventory, jobs, watcher, failures, now);

  const catalog = new TargetCatalog(registry, now);
  const submissions = new SubmissionService(registry, catalog, jobs, new RegistryPasswords(secrets), (view) => emit('preheats.submission', view), {
    now,
    log,
  });

  const retest = (id: string) => {
    void (async () => {
      const report = await testConnection(await registry.client(id), now);
      await registry.saveReport(id, report);
    })().catch((err) => log(`connection test: ${(err as Error).message}`));
  };

  const handlers: Handlers = {
    'app.info': async () => ({
      version: opts.version,
      transport: opts.transport,
      secretBackend: secrets.backend,
      dataDir: opts.dataDir,
      notices: [...registry.notices, ...(vault.notice ? [vault.notice] : []), ...(targets.notice ? [targets.notice] : []), ...history.notices, ...(settings.notice ? [settings.notice] : [])],
    }),
    'managers.list': async () => registry.list(),
    'managers.add': async (input) => {
      const view = await registry.add(input);
      log(`manager added: ${view.name} (${view.baseUrl}, ${view.auth.kind})`);
      retest(view.id);
      return view;
    },
    'managers.update': async ({ id, input }) => {
      const view = await registry.update(id, input);
      log(`manager updated: ${view.name} (${view.baseUrl}, ${view.auth.kind})`);
      retest(id);
      return view;
    },
    'managers.remove': async ({ id }) => {
      const name = registry.get(id).name;
      await registry.remove(id);
      log(`manager removed: ${name}`);
      return { removed: true as const };
    },
    'managers.test': async ({ id, input }) => {
      if (id && !input) {
        const report = await testConnection(await registry.client(id), now);
        await registry.saveReport(id, report);
        return report;
      }
      const draft = input!;
      const caCert = await ManagerRegistry.readCa(draft.caCertPath, draft.name);
      const client = new ManagerClient(
        { name: draft.name, baseUrl: draft.baseUrl, caCert, skipTlsVerify: draft.skipTlsVerify },
        ManagerRegistry.authSpec(draft),
        draftCredentials(
          {
            password: draft.auth.kind === 'password' ? (draft.auth.password ?? null) : null,
            pat: draft.auth.kind === 'pat' ? (draft.auth.token ?? null) : null,
          },
          id ? registry.credentialsOf(id) : undefined,
        ),
        now,
      );
      for (const s of [draft.auth.kind === 'password' ? draft.auth.password : draft.auth.token]) redactor.add(s);
      try {
        return await testConnection(client, now);
      } finally {
        await client.close();
      }
    },
    'jobs.query': async ({ filter, offset, limit }) => jobs.query(filter, offset, limit),
    'jobs.loadMore': async ({ managerId }) => ({ loaded: await jobs.loadMore(managerId) }),
    'jobs.loadAll': async () => ({ loaded: await jobs.loadAll() }),
    'jobs.refresh': async () => ({ refreshed: await jobs.refreshAll() }),
    'jobs.resolveTargets': async ({ refs }) => ({ requested: await jobs.resolveTargets(refs) }),
    'jobs.get': async (ref) => jobs.detail(ref),
    'preheats.targets': async ({ refresh }) => catalog.list(refresh ?? false),
    'preheats.preview': async ({ spec, registryPasswordGiven }) => submissions.preview(spec, registryPasswordGiven),
    'preheats.submit': async ({ spec, registryPassword, rememberPassword }) => {
      if (registryPassword) redactor.add(registryPassword);
      for (const h of spec.headers) if (isSecretHeader(h.name)) redactor.add(h.value);
      return submissions.submit(spec, registryPassword, rememberPassword);
    },
    'preheats.submission': async ({ id }) => submissions.get(id),
    'preheats.fromJob': async ({ managerId, jobId, mode }) => specFromJob(managerId, await jobs.fetchJob({ managerId, jobId }), mode),
    'failures.query': async ({ filter, offset, limit }) => failures.query(filter, offset, limit),
    'failures.export': async ({ filter, format }) => {
      const list = failures.matching(filter);
      return { content: format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : `${failureText(list)}\n`, count: list.length };
    },
    'notifications.view': async () => center.view(),
    'notifications.markSeen': async ({ ids }) => {
      await center.markSeen(ids);
      return center.view();
    },
    'notifications.pause': async ({ minutes }) => {
      await settings.update({ pausedUntil: minutes ? new Date(now() + minutes * 60_000).toISOString() : null });
      const view = center.view();
      emit('notifications.changed', view);
      return view;
    },
    'secrets.status': async () => vault.status(),
    'secrets.recheck': async () => vault.recheck(),
    'secrets.use': async ({ storage }) => vault.use(storage),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => settings.update(patch),
    'watch.states': async () => watcher.states(),
    'watch.kick': async () => {
      await watcher.tick();
      return { ok: true as const };
    },
    'dashboard.view': async ({ range }) => dashboard.view(range),
    'dashboard.refresh': async () => {
      dashboard.refresh();
      watcher.kick();
      return { ok: true as const };
    },
    'clusters.detail': async ({ managerId, clusterId }) => dashboard.clusterDetail(managerId, clusterId),
    'clusters.peersCsv': async ({ managerId, clusterId }) => dashboard.peersCsv(managerId, clusterId),
  };

  return {
    handlers,
    log,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    navigate(link) {
      emit('app.navigate', { link });
    },
    secretStatus: () => vault.status(),
    trayInfo() {
      const states = watcher.states();
      return {
        unseen: center.unseen(),
        pending: watcher.pendingCount(),
        managersInError: states.filter((s) => !s.ok).length,
        latest: center.latest(5),
        pausedUntil: settings.get().pausedUntil,
      };
    },
    async close() {
      watcher.stop();
      if (inventoryTimer) clearTimeout(inventoryTimer);
      if (kickTimer) clearTimeout(kickTimer);
      jobs.stop();
      await targets.flush().catch(() => undefined);
      await history.close();
      await registry.close();
    },
  };
}
