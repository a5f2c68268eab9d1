import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommand, maskedBody } from './preview';

const body = {
  type: 'preheat',
  bio: 'warm $HOME `x`',
  scheduler_cluster_ids: [1],
  args: { type: 'image', url: 'https://r/v2/a/manifests/1', username: 'robot$ci', password: 's3cret', headers: { Authorization: 'Bearer abc', Accept: 'x' } },
};

describe('preview and curl', () => {
  it('masks the registry password and credential headers', () => {
    const m = JSON.stringify(maskedBody(body));
    expect(m).not.toMatch(/s3cret|Bearer abc/);
    expect(m).toContain('"Accept":"x"');
  });

  it('puts placeholders where secrets go and survives the shell unchanged', () => {
    const curl = curlCommand('http://m:8080/api/v1/jobs', body);
    expect(curl).not.toMatch(/s3cret|Bearer abc/);
    expect(curl).toContain('-H "Authorization: Bearer $TOKEN"');
    // Run the heredoc through a real shell: the JSON must come out with only the placeholders expanded.
    const heredoc = curl.slice(curl.indexOf('<<EOF'));
    const out = execFileSync('sh', ['-c', `REGISTRY_PASSWORD=pw; HEADER_AUTHORIZATION=tok; cat ${heredoc}`], { encoding: 'utf8' });
    const parsed = JSON.parse(out);
    expect(parsed.bio).toBe('warm $HOME `x`');
    expect(parsed.args.username).toBe('robot$ci');
    expect(parsed.args.password).toBe('pw');
    expect(parsed.args.headers).toEqual({ Authorization: 'tok', Accept: 'x' });
  });

  it('keeps a presigned URL and a header off the safe list out of the preview and the clipboard', () => {
    const signed = 'https://b.s3.amazonaws.com/m.bin?X-Amz-Credential=AKIA&X-Amz-Signature=s1gn';
    const file = { type: 'preheat', bio: '', args: { type: 'file', urls: [signed, 'https://plain.example/x'], headers: { 'X-Registry-Auth': 'reg-secret' } } };
    const shown = JSON.stringify(maskedBody(file));
    expect(shown).not.toMatch(/s1gn|AKIA|reg-secret/);
    expect(shown).toContain('https://plain.example/x');
    const curl = curlCommand('http://m:8080/api/v1/jobs', file);
    expect(curl).not.toMatch(/s1gn|AKIA|reg-secret/);
    const heredoc = curl.slice(curl.indexOf('<<EOF'));
    const out = JSON.parse(execFileSync('sh', ['-c', `URL_1='${signed}'; HEADER_X_REGISTRY_AUTH=r; cat ${heredoc}`], { encoding: 'utf8' }));
    expect(out.args.urls).toEqual([signed, 'https://plain.example/x']);
  });
});
