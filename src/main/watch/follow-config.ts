import type { JobService } from '../jobs/job-service';
import type { JobLedger } from '../jobs/ledger';
import { Debouncer } from '../lifecycle/debounce';
import type { Disposable } from '../lifecycle/disposable';
import type { ManagerRegistry } from '../managers/registry';
import { learnTokenExpiry } from '../managers/token-expiry';
import type { Watcher } from './watcher';

/**
 * Keep the job lists and the watcher in step with the manager list. Saving a connection report changes
 * the registry too; only a change of who or where to ask reloads the lists and wakes the watcher, and
 * ten managers added at once wake it once, after their first pages.
 */
export function followManagerConfig(opts: {
  registry: ManagerRegistry;
  ledger: JobLedger;
  jobs: JobService;
  watcher: Watcher;
  /** The lists of the managers known at start load once this ends (the first screen's inventory). */
  startAfter: Promise<void>;
  onChanged: () => void;
}): Disposable {
  const { registry, ledger, jobs, watcher } = opts;
  const configOf = () =>
    registry
      .all()
      .map((r) => `${r.id}|${r.baseUrl}|${r.auth.kind}|${r.updatedAt}`)
      .join('\n');
  let config = configOf();
  const kick = new Debouncer(250, () => watcher.kick());
  const off = registry.onChange(() => {
    opts.onChanged();
    if (configOf() === config) return;
    config = configOf();
    // A new address starts the manager's next epoch first: the lists then load for the new one.
    void ledger
      .sync(registry.all())
      .then(() => jobs.syncManagers())
      .then(() => kick.schedule());
  });
  // A token's expiry, where the form did not give it, is read once through a password login to the same manager.
  void opts.startAfter.then(() => jobs.syncManagers()).then(() => {
    for (const r of registry.all()) if (r.auth.kind === 'pat' && !r.auth.tokenExpiresAt) void learnTokenExpiry(registry, r.id).catch(() => null);
  });
  return {
    dispose() {
      off();
      kick.dispose();
    },
  };
}
