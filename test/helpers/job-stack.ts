import { join } from 'node:path';
import { InventoryService } from '../../src/main/dashboard/inventory';
import { HistoryStore } from '../../src/main/history/history-store';
import { JobClustersCache } from '../../src/main/jobs/job-clusters-cache';
import { JobService } from '../../src/main/jobs/job-service';
import { JobLedger } from '../../src/main/jobs/ledger';
import { SeedSightings } from '../../src/main/jobs/seed-sightings';
import type { ManagerRegistry } from '../../src/main/managers/registry';
import { TargetCatalog } from '../../src/main/preheats/target-catalog';

/** The ledger, its stores, the job list and the target catalog over a registry, wired as the back end wires them. */
export async function createJobStack(opts: { dir: string; registry: ManagerRegistry; now?: () => number; perPage?: number }) {
  const clusters = new JobClustersCache({ dataDir: opts.dir, saveDelayMs: 10 });
  await clusters.load();
  const history = new HistoryStore({ dir: join(opts.dir, 'history'), limits: { retentionDays: 30, maxMB: 1000 }, now: opts.now, syncDelayMs: 0 });
  const sightings = new SeedSightings(opts.now ?? Date.now);
  await history.load((managerId, entry, detail) => sightings.sightStored(managerId, entry, detail));
  const ledger = new JobLedger({ dataDir: opts.dir, clusters, history, sightings, now: opts.now, onChanged: () => undefined });
  await ledger.load(opts.registry.all());
  const jobs = new JobService({ registry: opts.registry, ledger, onChanged: () => undefined, now: opts.now, perPage: opts.perPage });
  const inventory = new InventoryService({ dataDir: opts.dir, registry: opts.registry, onChanged: () => undefined, now: opts.now });
  const catalog = new TargetCatalog({ registry: opts.registry, inventory, ledger, now: opts.now });
  return {
    clusters,
    history,
    ledger,
    jobs,
    inventory,
    catalog,
    async dispose() {
      inventory.dispose();
      history.dispose();
      await clusters.dispose();
    },
  };
}
