import { describe, expect, it } from 'vitest';
import { resolveImageRef } from './image-ref';

const D = 'sha256:' + 'a'.repeat(64);

describe('image reference → manifest URL', () => {
  const ok: [string, string][] = [
    ['nginx', 'https://registry-1.docker.io/v2/library/nginx/manifests/latest'],
    ['nginx:1.27', 'https://registry-1.docker.io/v2/library/nginx/manifests/1.27'],
    ['library/nginx:1.27', 'https://registry-1.docker.io/v2/library/nginx/manifests/1.27'],
    ['bitnami/redis:7.4', 'https://registry-1.docker.io/v2/bitnami/redis/manifests/7.4'],
    ['docker.io/nginx', 'https://registry-1.docker.io/v2/library/nginx/manifests/latest'],
    ['docker.io/library/nginx@' + D, `https://registry-1.docker.io/v2/library/nginx/manifests/${D}`],
    ['index.docker.io/bitnami/redis', 'https://registry-1.docker.io/v2/bitnami/redis/manifests/latest'],
    ['nginx:1.27@' + D, `https://registry-1.docker.io/v2/library/nginx/manifests/${D}`],
    ['registry.example.com:5000/team/app:v2', 'https://registry.example.com:5000/v2/team/app/manifests/v2'],
    ['registry.example.com/team/sub/app:v2.1.0-rc1', 'https://registry.example.com/v2/team/sub/app/manifests/v2.1.0-rc1'],
    ['ghcr.io/dragonflyoss/dragonfly/manager:v2.5.1', 'https://ghcr.io/v2/dragonflyoss/dragonfly/manager/manifests/v2.5.1'],
    ['localhost/app', 'https://localhost/v2/app/manifests/latest'],
    ['localhost:5000/app:1', 'https://localhost:5000/v2/app/manifests/1'],
    ['http://registry.lan:5000/team/app:dev', 'http://registry.lan:5000/v2/team/app/manifests/dev'],
    ['harbor.corp.example/ml/pytorch-train:2.5.1-cuda12', 'https://harbor.corp.example/v2/ml/pytorch-train/manifests/2.5.1-cuda12'],
    ['my-registry.local/a__b/c-d.e:tag_1', 'https://my-registry.local/v2/a__b/c-d.e/manifests/tag_1'],
    ['https://reg.example.com/v2/library/nginx/manifests/1.27', 'https://reg.example.com/v2/library/nginx/manifests/1.27'],
    ['[::1]:5000/app:1', 'https://[::1]:5000/v2/app/manifests/1'],
  ];
  for (const [input, url] of ok) {
    it(`${input} → ${url}`, () => {
      const r = resolveImageRef(input);
      expect(r).toMatchObject({ ok: true, manifestUrl: url });
    });
  }

  const bad: [string, RegExp][] = [
    ['', /Enter an image reference/],
    ['Nginx:1.27', /lower case/],
    ['nginx:1.27 ', /./],
    ['ngi nx', /spaces/],
    ['nginx:', /not a valid tag/],
    ['nginx:-bad', /not a valid tag/],
    ['nginx@sha256:123', /not a valid digest/],
    [':1.27', /no repository name/],
    ['registry.example.com/', /not a valid repository name component/],
    ['ftp://registry.example.com/app', /Only http and https/],
    ['registry.example.com/team//app', /not a valid repository name component/],
    ['under_score-/app', /not a valid repository name component/],
    ['my_registry.local/app', /not a valid registry host/],
  ];
  for (const [input, error] of bad) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      const r = resolveImageRef(input);
      if (input === 'nginx:1.27 ') {
        // Surrounding spaces are trimmed, not an error.
        expect(r.ok).toBe(true);
        return;
      }
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.error).toMatch(error);
    });
  }

  it('keeps a manifest URL as typed and reports its parts', () => {
    expect(resolveImageRef('http://127.0.0.1:9/v2/library/nginx/manifests/1.27')).toEqual({
      ok: true,
      manifestUrl: 'http://127.0.0.1:9/v2/library/nginx/manifests/1.27',
      registry: '127.0.0.1:9',
      repository: 'library/nginx',
      reference: '1.27',
      fromUrl: true,
    });
  });
});
