/**
 * Turn what an operator types for an image into the manifest URL a Dragonfly manager expects:
 * `https://<registry>/v2/<repository>/manifests/<tag or digest>` (manager-api.md §3.3). Follows the
 * reference grammar of distribution/reference, with Docker Hub's `library/` and `registry-1.docker.io`
 * rules. A manifest URL typed as such is taken as it is.
 */

export type ImageRef =
  | { ok: true; manifestUrl: string; registry: string; repository: string; reference: string; fromUrl: boolean }
  | { ok: false; error: string };

/** The manager's own check (pkg/oci/reference.go). */
export const MANIFEST_URL = /^(.*):\/\/(.*)\/v2\/(.*)\/manifests\/(.*)/;

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export function resolveImageRef(input: string): ImageRef {
  const raw = input.trim();
  if (raw === '') return { ok: false, error: 'Enter an image reference (e.g. nginx:1.27) or a manifest URL' };
  if (/\s/.test(raw)) return { ok: false, error: 'An image reference cannot contain spaces' };

  const asUrl = MANIFEST_URL.exec(raw);
  if (asUrl) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { ok: false, error: 'The manifest URL is not a valid URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'A manifest URL must use http or https' };
    return { ok: true, manifestUrl: raw, registry: url.host, repository: asUrl[3]!, reference: asUrl[4]!, fromUrl: true };
  }

  // An explicit scheme picks http for an insecure registry: http://localhost:5000/app:1
  let scheme = 'https';
  let rest = raw;
  const withScheme = /^(https?):\/\/(.*)$/.exec(raw);
  if (withScheme) {
    scheme = withScheme[1]!;
    rest = withScheme[2]!;
  } else if (/^[a-z]+:\/\//i.test(raw)) {
    return { ok: false, error: 'Only http and https registries can be preheated' };
  }

  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, error: `"${digest}" is not a valid digest (expected e.g. sha256:<64 hex digits>)` };
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, error: `"${tag}" is not a valid tag` };
  }
  if (rest === '') return { ok: false, error: 'The image reference has no repository name' };

  const parts = rest.split('/');
  let registry = 'registry-1.docker.io';
  const first = parts[0]!;
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    if (!HOST.test(first)) return { ok: false, error: `"${first}" is not a valid registry host` };
    registry = DOCKER_HUB.has(first.toLowerCase()) ? 'registry-1.docker.io' : first;
    parts.shift();
  }
  if (registry === 'registry-1.docker.io' && parts.length === 1) parts.unshift('library');
  for (const p of parts) {
    if (!COMPONENT.test(p)) {
      return {
        ok: false,
        error: /[A-Z]/.test(p)
          ? `Repository names must be lower case ("${p}")`
          : `"${p}" is not a valid repository name component`,
      };
    }
  }
  const repository = parts.join('/');
  if (repository.length > 255) return { ok: false, error: 'The repository name is longer than 255 characters' };
  const reference = digest ?? tag ?? 'latest';
  return { ok: true, manifestUrl: `${scheme}://${registry}/v2/${repository}/manifests/${reference}`, registry, repository, reference, fromUrl: false };
}
