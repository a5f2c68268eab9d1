import type { HandlersOf } from '../../shared/contract';
import { ManagerClient } from '../manager-client/client';
import { checkConnection } from '../managers/check-connection';
import { draftCredentials } from '../managers/credentials';
import { ManagerRegistry } from '../managers/registry';
import type { Services } from '../services';

export function managerHandlers(s: Services): HandlersOf<'managers'> {
  const { registry, log, app } = s;
  /** Check a saved manager in the background: its card shows the report when it is in. */
  const recheck = (id: string) => {
    void (async () => {
      const report = await checkConnection(await registry.client(id), app.now);
      await registry.saveReport(id, report);
    })().catch((err) => log(`connection test: ${(err as Error).message}`));
  };
  return {
    'managers.list': async () => registry.list(),
    'managers.add': async (input) => {
      const view = await registry.add(input);
      log(`manager added: ${view.name} (${view.baseUrl}, ${view.auth.kind})`);
      recheck(view.id);
      return view;
    },
    'managers.update': async ({ id, input }) => {
      const view = await registry.update(id, input);
      log(`manager updated: ${view.name} (${view.baseUrl}, ${view.auth.kind})`);
      recheck(id);
      return view;
    },
    'managers.remove': async ({ id }) => {
      const name = registry.get(id).name;
      const kept = s.ledger.keptCount(id);
      await registry.remove(id);
      // Its history goes with it: the removal dialog said how many jobs that is.
      await s.ledger.forget(id);
      s.failures.removeManager(id);
      log(`manager removed: ${name} (${kept} kept jobs deleted)`);
      return { removed: true as const };
    },
    'managers.removalImpact': async ({ id }) => {
      registry.get(id);
      return { keptJobs: s.ledger.keptCount(id) };
    },
    'managers.test': async ({ id, input }) => {
      if (id && !input) {
        const report = await checkConnection(await registry.client(id), app.now);
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
          id ? registry.storedCredentialsFor(id, draft) : undefined,
        ),
        app.now,
      );
      s.redactor.add(draft.auth.kind === 'password' ? draft.auth.password : draft.auth.token);
      try {
        return await checkConnection(client, app.now);
      } finally {
        await client.close();
      }
    },
  };
}
