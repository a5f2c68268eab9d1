import { resolveImageRef } from '../../shared/image-ref';
import type { PreheatPreview } from '../../shared/models';
import { createRequestBody, specWarnings, validateSpec, type PreheatSpec } from '../../shared/preheat-spec';
import type { ManagerRegistry } from '../managers/registry';
import type { ImageRegistryPasswords } from './image-registry-passwords';
import { curlCommand, maskedBody } from './preview';

/**
 * The request each target manager would receive, secrets masked, with the spec's problems and
 * warnings. (When sent, each also carries its submission's marker in `args.timeout`'s nanoseconds.)
 */
export async function previewRequests(
  deps: { managers: ManagerRegistry; passwords: ImageRegistryPasswords },
  spec: PreheatSpec,
  opts: { registryPasswordGiven: boolean; keptSecretHeaders: readonly string[] },
): Promise<PreheatPreview> {
  const ref = spec.kind === 'image' && spec.image.username ? resolveImageRef(spec.image.reference) : null;
  const stored = ref?.ok ? await deps.passwords.has(ref.registry, spec.image.username) : false;
  const withPassword = opts.registryPasswordGiven || stored;
  const requests = await Promise.all(
    spec.targets
      .filter((t) => t.clusterIds.length > 0)
      .map(async (t) => {
        const record = deps.managers.get(t.managerId);
        const client = await deps.managers.client(t.managerId);
        let userId: number | null = null;
        if (client.auth.kind === 'password') {
          await client.auth.authorization().catch(() => null);
          userId = client.auth.session()?.userId ?? null;
        }
        const body = createRequestBody(spec, t.clusterIds, { registryPassword: withPassword ? 'masked' : null, userId });
        const url = client.http.url(`${client.apiBase}/jobs`);
        return { managerId: t.managerId, managerName: record.name, method: 'POST' as const, url, body: JSON.stringify(maskedBody(body), null, 2), curl: curlCommand(url, body) };
      }),
  );
  return { issues: validateSpec(spec, { keptSecretHeaders: opts.keptSecretHeaders }), warnings: specWarnings(spec, { registryPassword: withPassword }), requests, storedRegistryPassword: stored };
}
