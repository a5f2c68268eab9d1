import type { HandlersOf } from '../../shared/contract';
import type { Services } from '../services';

export function appHandlers(s: Services): HandlersOf<'app'> {
  return {
    'app.info': async () => ({
      version: s.app.version,
      transport: s.app.transport,
      secretBackend: s.vault.backend,
      dataDir: s.app.dataDir,
      notices: [s.registry.notices, s.vault.notice, s.jobClusters.notice, s.ledger.notice, s.history.notices, s.outbox.notices, s.specDocs.notices, s.settings.notice]
        .flat()
        .filter((n): n is string => !!n),
    }),
  };
}
