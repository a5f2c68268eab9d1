import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventListener, EventName, EventPayload } from '../shared/contract';
import { DashboardService } from './dashboard/dashboard-service';
import { INVENTORY_FIRST_MS, InventoryService } from './dashboard/inventory';
import { failuresFromHistory } from './failures/from-history';
import { FailureLog } from './failures/failure-log';
import { HistoryStore } from './history/history-store';
import { JobClustersCache } from './jobs/job-clusters-cache';
import { JobActions } from './jobs/job-actions';
import { JobService } from './jobs/job-service';
import { JobLedger } from './jobs/ledger';
import { SeedSightings } from './jobs/seed-sightings';
import { Foreground } from './lifecycle/foreground';
import type { DisposableStore } from './lifecycle/disposable';
import { Emitter } from './lifecycle/emitter';
import { SearchWarmup } from './lifecycle/search-warmup';
import { Throttle } from './lifecycle/throttle';
import { createLogger, type Log } from './log/logger';
import { Redactor } from './log/redact';
import { ManagerRegistry } from './managers/registry';
import { NotificationCenter } from './notify/notification-center';
import { ImageRegistryPasswords } from './preheats/image-registry-passwords';
import { SpecDocs } from './drafts/spec-docs';
import { Outbox } from './preheats/outbox/outbox';
import { TargetCatalog } from './preheats/target-catalog';
import { observedStore } from './secrets/observed-store';
import type { ListableSecretStore, SecretStore } from './secrets/secret-store';
import { SecretVault, type SecretPreference } from './secrets/secret-vault';
import { SettingsStore } from './settings/settings-store';
import { followManagerConfig } from './watch/follow-config';
import { Watcher } from './watch/watcher';

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

/** Every event the back end pushes to the UI, as one value. */
export type BackendEvent = { [N in EventName]: { name: N; payload: EventPayload<N> } }[EventName];

/** The back end's services, created once; handlers and the Electron shell use these and nothing else. */
export interface Services {
  app: { version: string; transport: 'electron' | 'web'; dataDir: string; now: () => number };
  log: Log;
  /** Whether a page of the UI is loading: background reads let its calls go first. */
  foreground: Foreground;
  redactor: Redactor;
  events: Emitter<BackendEvent>;
  emit: EventListener;
  settings: SettingsStore;
  vault: SecretVault;
  secrets: SecretStore;
  registry: ManagerRegistry;
  jobClusters: JobClustersCache;
  history: HistoryStore;
  ledger: JobLedger;
  jobs: JobService;
  jobActions: JobActions;
  failures: FailureLog;
  notifications: NotificationCenter;
  watcher: Watcher;
  inventory: InventoryService;
  dashboard: DashboardService;
  catalog: TargetCatalog;
  passwords: ImageRegistryPasswords;
  outbox: Outbox;
  specDocs: SpecDocs;
}

/**
 * The composition root: every service, created once in dependency order. Each one that holds a
 * resource goes into `disposables`, which closes them in the reverse order at shutdown.
 */
export async function createServices(opts: BackendOptions, disposables: DisposableStore): Promise<Services> {
  const now = opts.now ?? Date.now;
  const dataDir = opts.dataDir;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const redactor = new Redactor();
  const log = createLogger(dataDir, redactor, { echo: opts.echoLog });
  const events = new Emitter<BackendEvent>();
  const emit: EventListener = (name, payload) => events.fire({ name, payload } as BackendEvent);

  const settings = new SettingsStore({ dataDir });
  await settings.load();
  if (opts.secretStorage && opts.secretStorage !== settings.get().secretStorage) await settings.update({ secretStorage: opts.secretStorage });
  const vault = new SecretVault({
    keychain: opts.keychain,
    dataDir,
    preference: () => settings.get().secretStorage,
    savePreference: async (secretStorage) => void (await settings.update({ secretStorage })),
    now,
    log,
  });
  await vault.start();
  const secrets = observedStore(vault, redactor);

  const registry = disposables.add(new ManagerRegistry({ dataDir, secrets, now, kept: () => vault.kept }));
  await registry.load();
  vault.onChange(() => {
    emit('secrets.changed', vault.status());
    void registry.refreshSecretFlags().then(() => emit('managers.changed', {}));
  });

  const jobClusters = disposables.add(new JobClustersCache({ dataDir }));
  await jobClusters.load();
  const limits = () => ({ retentionDays: settings.get().historyRetentionDays, maxMB: settings.get().historyMaxMB });
  const history = disposables.add(new HistoryStore({ dir: join(dataDir, 'history'), limits: limits(), now }));
  // Seed-peer sightings come from the details as the history loads them, not from a second read.
  const sightings = new SeedSightings(now);
  await history.load((managerId, entry, detail) => sightings.sightStored(managerId, entry, detail));
  settings.onChange(() => history.setLimits(limits()));
  // Both searches build their text ahead of the first keystroke, while the app is otherwise idle.
  const jobSearch = disposables.add(new SearchWarmup({ prepareSearch: () => ledger.index.prepareSearch() }));
  // Many jobs change in one page or tick: the first change goes out at once, then one event per 150 ms.
  const listChanged = disposables.add(
    new Throttle(150, () => {
      emit('jobs.changed', { version: ledger.index.version });
      jobSearch.schedule();
    }),
  );
  const ledger = disposables.add(new JobLedger({ dataDir, clusters: jobClusters, history, sightings, now, log, onChanged: () => listChanged.schedule() }));
  await ledger.load(registry.all());
  const jobs = new JobService({ registry, ledger, onChanged: () => listChanged.schedule(), ...opts.jobs, now, log });

  const failures = new FailureLog(undefined, () => failureSearch.schedule());
  failures.append(failuresFromHistory(history, (id) => registry.all().find((r) => r.id === id)?.name ?? null));
  const failureSearch = disposables.add(new SearchWarmup(failures));
  const jobActions = new JobActions({ registry, ledger, failures, names: jobs.names, now });
  const notifications = new NotificationCenter({
    dataDir,
    settings,
    managerName: (id) => registry.all().find((r) => r.id === id)?.name ?? null,
    now,
    deliver: (n) => emit('notifications.new', { id: n.id, title: n.title, body: n.body, link: n.link }),
    changed: (view) => emit('notifications.changed', view),
  });
  await notifications.load();
  const inventory = disposables.add(new InventoryService({ dataDir, registry, onChanged: () => emit('dashboard.changed', {}), now, log }));
  await inventory.load();
  // The overview, the first screen, shows the inventory: it is read first, alone on the managers, and the
  // job lists and the watcher start once it is in (INVENTORY_FIRST_MS at most, for a slow manager).
  // Started with them, its one round trip took 450–760 ms on a cold start instead of about 100.
  inventory.refresh();
  const firstScreen = inventory.settledWithin(INVENTORY_FIRST_MS);
  const failuresAppended = (added: number) => {
    emit('failures.appended', { newestId: failures.newestId, added });
    failureSearch.schedule();
  };
  const foreground = new Foreground();
  const watcher = disposables.add(
    new Watcher({
      foreground,
      listDay: (managerId, since) => jobs.loadSinceOf(managerId, since, () => foreground.quiet()),
      registry,
      ledger,
      names: jobs.names,
      failures,
      now,
      log,
      busyMs: opts.watch?.busyMs,
      idleMs: opts.watch?.idleMs,
      onEvents: async (found) => void (await notifications.handle(found)),
      onTick: (states, added) => {
        emit('watch.changed', states);
        if (added) failuresAppended(added);
      },
      onBackfilled: failuresAppended,
    }),
  );
  disposables.add(followManagerConfig({ registry, ledger, jobs, watcher, startAfter: firstScreen, onChanged: () => emit('managers.changed', {}) }));
  void firstScreen.then(() => watcher.start());

  const dashboard = new DashboardService({ registry, inventory, jobs, ledger, watcher, failures, now });
  const catalog = new TargetCatalog({ registry, inventory, ledger, now });
  const passwords = new ImageRegistryPasswords(secrets);
  const outbox = disposables.add(
    new Outbox({
      dataDir,
      managers: registry,
      catalog,
      jobs,
      passwords,
      secrets,
      now,
      log,
      onUpdate: (view) => {
        emit('preheats.submission', view);
        emit('outbox.changed', outbox.counts());
      },
      onSettledAfterWait: (sub, part) => void notifications.announceOutbox(sub, part),
    }),
  );
  await outbox.load();
  // A manager the watcher sees answer again takes the outbox's queued parts for it.
  events.on((e) => {
    if (e.name === 'watch.changed') for (const w of e.payload) if (w.ok) outbox.managerAnswered(w.managerId);
  });
  const specDocs = new SpecDocs({
    dataDir,
    secrets,
    now,
    names: {
      manager: (id) => registry.all().find((r) => r.id === id)?.name ?? null,
      cluster: (managerId, id) => inventory.get(managerId).clusters?.find((c) => c.id === id)?.name ?? jobs.names.cluster(managerId, id),
    },
  });
  await specDocs.load();
  disposables.add({ dispose: () => specDocs.settle() });

  return {
    app: { version: opts.version, transport: opts.transport, dataDir, now },
    log,
    foreground,
    redactor,
    events,
    emit,
    settings,
    vault,
    secrets,
    registry,
    jobClusters,
    history,
    ledger,
    jobs,
    jobActions,
    failures,
    notifications,
    watcher,
    inventory,
    dashboard,
    catalog,
    passwords,
    outbox,
    specDocs,
  };
}
