import type { HandlersOf } from '../../shared/contract';
import { ManagerClient } from '../manager-client/client';
import { checkConnection } from '../managers/check-connection';
import { draftCredentials } from '../managers/credentials';
import { RecentSignIns, type SignInKey } from '../managers/recent-sign-ins';
import { ManagerRegistry } from '../managers/registry';
import type { ManagerInput } from '../../shared/models';
import type { Services } from '../services';

export function managerHandlers(s: Services): HandlersOf<'managers'> {
  const { registry, log, app } = s;
  const recent = new RecentSignIns(app.now);
  /** What a form signs in with: its typed password, or the one kept for the manager being edited. */
  const signInKey = async (input: ManagerInput, id?: string): Promise<SignInKey | null> => {
    if (input.auth.kind !== 'password') return null;
    const password = input.auth.password ?? (id ? await registry.storedCredentialsFor(id, input)?.password() : null);
    return password ? { baseUrl: input.baseUrl, username: input.auth.username, password } : null;
  };
  /**
   * Check a saved manager in the background: its card shows the report when it is in. A session the
   * form's own test signed in a moment ago stands in for a new sign-in, which the manager would refuse.
   */
  const recheck = async (id: string, key: SignInKey | null) => {
    const handedOver = key ? recent.take(key) : null;
    if (handedOver) await registry.adoptSession(id, handedOver);
    void (async () => {
      const report = await checkConnection(await registry.client(id), app.now);
      await registry.saveReport(id, report);
    })().catch((err) => log(`connection test: ${(err as Error).message}`));
  };
  return {
    'managers.list': async () => registry.list(),
    'managers.add': async (input) => {
      const key = await signInKey(input);
      const view = await registry.add(input);
      log(`manager added: ${view.name} (${view.baseUrl}, ${view.auth.kind})`);
      await recheck(view.id, key);
      return view;
    },
    'managers.update': async ({ id, input }) => {
      const key = await signInKey(input, id);
      const view = await registry.update(id, input);
      log(`manager updated: ${view.name} (${view.baseUrl}, ${view.auth.kind})`);
      await recheck(id, key);
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
      const credentials = draftCredentials(
        {
          password: draft.auth.kind === 'password' ? (draft.auth.password ?? null) : null,
          pat: draft.auth.kind === 'pat' ? (draft.auth.token ?? null) : null,
        },
        id ? registry.storedCredentialsFor(id, draft) : undefined,
      );
      const client = new ManagerClient(
        { name: draft.name, baseUrl: draft.baseUrl, caCert, skipTlsVerify: draft.skipTlsVerify },
        ManagerRegistry.authSpec(draft),
        credentials,
        app.now,
      );
      s.redactor.add(draft.auth.kind === 'password' ? draft.auth.password : draft.auth.token);
      try {
        const report = await checkConnection(client, app.now);
        // Only a sign-in that worked is worth handing over: no keychain read after a failed test.
        if (report.credentials?.ok) {
          const [key, session] = await Promise.all([signInKey(draft, id), credentials.loadSession()]);
          if (key && session) recent.remember(key, session);
        }
        return report;
      } finally {
        await client.close();
      }
    },
  };
}
