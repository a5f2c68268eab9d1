import { describe, expect, it } from 'vitest';
import { isSafeHeader, MASK, maskUrl, maskUrlsInText } from './masking';

describe('masking by allowlist', () => {
  it('shows only headers known to carry no credential', () => {
    for (const h of ['Accept', 'range', 'User-Agent', 'X-Request-Id']) expect(isSafeHeader(h)).toBe(true);
    for (const h of ['Authorization', 'X-Registry-Auth', 'X-Goog-Authorization', 'X-Custom-Thing', 'Cookie', 'X-Api-Key']) expect(isSafeHeader(h)).toBe(false);
  });

  it('masks userinfo and signature-like query values of a URL, and nothing else', () => {
    expect(maskUrl('https://user:pa55@files.example.com/a.bin')).toBe(`https://${MASK}@files.example.com/a.bin`);
    expect(
      maskUrl('https://b.s3.amazonaws.com/m.bin?X-Amz-Algorithm=AWS4&X-Amz-Credential=AKIA%2F2026&X-Amz-Signature=abc123&part=2'),
    ).toBe(`https://b.s3.amazonaws.com/m.bin?X-Amz-Algorithm=${MASK}&X-Amz-Credential=${MASK}&X-Amz-Signature=${MASK}&part=2`);
    expect(maskUrl('https://cdn.example.com/x?sig=Zm9v&se=2026-12-01&token=t0k')).toBe(`https://cdn.example.com/x?sig=${MASK}&se=2026-12-01&token=${MASK}`);
    expect(maskUrl('https://registry.example.com/v2/app/manifests/v1')).toBe('https://registry.example.com/v2/app/manifests/v1');
    expect(maskUrl('not a url')).toBe('not a url');
  });

  it('masks every URL inside free text', () => {
    expect(maskUrlsInText('download https://u:p@h.example/x?sig=1 failed: 403')).toBe(`download https://${MASK}@h.example/x?sig=${MASK} failed: 403`);
  });
});
