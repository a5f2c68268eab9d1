import type { HandlersOf } from '../../shared/contract';
import { isSafeHeader } from '../../shared/masking';
import { specFromJob } from '../preheats/from-job';
import type { Services } from '../services';

export function preheatHandlers({ catalog, submissions, jobs, redactor }: Services): HandlersOf<'preheats'> {
  return {
    'preheats.targets': async ({ refresh }) => catalog.list(refresh ?? false),
    'preheats.preview': async ({ spec, registryPasswordGiven }) => submissions.preview(spec, registryPasswordGiven),
    'preheats.submit': async ({ spec, registryPassword, rememberPassword }) => {
      // What the user typed is secret from here on: no log line may carry it.
      redactor.add(registryPassword);
      for (const h of spec.headers) if (!isSafeHeader(h.name)) redactor.add(h.value);
      return submissions.submit(spec, registryPassword, rememberPassword);
    },
    'preheats.submission': async ({ id }) => submissions.get(id),
    'preheats.fromJob': async ({ managerId, jobId, mode }) => specFromJob(managerId, await jobs.fetchJob({ managerId, jobId }), mode),
  };
}
