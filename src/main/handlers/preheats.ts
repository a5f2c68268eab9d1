import type { HandlersOf } from '../../shared/contract';
import { isSafeHeader } from '../../shared/masking';
import { specFromJob } from '../preheats/from-job';
import { previewRequests } from '../preheats/preview-requests';
import type { Services } from '../services';

export function preheatHandlers({ catalog, outbox, jobs, redactor, registry, passwords, specDocs, settings, emit }: Services): HandlersOf<'preheats'> {
  return {
    'preheats.targets': async ({ refresh }) => catalog.list(refresh ?? false),
    'preheats.preview': async ({ spec, registryPasswordGiven, draftId }) =>
      previewRequests({ managers: registry, passwords }, spec, { registryPasswordGiven, keptSecretHeaders: draftId ? specDocs.keptSecretHeaders(draftId) : [] }),
    'preheats.forgetRegistryPassword': async ({ registry: host, username }) => {
      const had = await passwords.has(host, username);
      await passwords.forget(host, username);
      return { forgotten: had };
    },
    'preheats.submit': async ({ spec, registryPassword, rememberPassword, ifUnreachable, draftId }) => {
      // What the user typed is secret from here on: no log line may carry it.
      redactor.add(registryPassword);
      for (const h of spec.headers) if (!isSafeHeader(h.name)) redactor.add(h.value);
      const full = draftId ? await specDocs.specToSend(draftId, spec) : spec;
      const view = await outbox.submit(full, { registryPassword, rememberPassword, ifUnreachable });
      // Sent: the outbox holds the spec now, and the draft is done.
      if (draftId) {
        await specDocs.sent(draftId);
        if (settings.get().openDraftId === draftId) await settings.update({ openDraftId: null });
        emit('drafts.changed', {});
      }
      return view;
    },
    'preheats.submission': async ({ id }) => outbox.get(id),
    'preheats.fromJob': async ({ managerId, jobId, mode }) => specFromJob(managerId, await jobs.fetchJob({ managerId, jobId }), mode),
  };
}
