import { describe, expect, it } from 'vitest';
import { Redactor } from './redact';

describe('Redactor', () => {
  it('scrubs every secret it was told about, wherever it appears', () => {
    const r = new Redactor();
    r.add('s3cret-password');
    expect(r.redact('sign-in with s3cret-password failed; retry s3cret-password')).toBe('sign-in with [redacted] failed; retry [redacted]');
  });

  it('scrubs credential-shaped text it was not told about', () => {
    const r = new Redactor();
    expect(r.redact('Authorization: Bearer eyJhbGciOi.abc.def')).toBe('Authorization: Bearer [redacted]');
    expect(r.redact('{"name":"root","password":"dragonfly"}')).toBe('{"name":"root","password":"[redacted]"}');
    expect(r.redact('{"token":"abc","expire":"x"}')).toBe('{"token":"[redacted]","expire":"x"}');
    expect(r.redact('GET /oapi/v1/jobs?access_token=M2Yy&page=1')).toBe('GET /oapi/v1/jobs?access_token=[redacted]&page=1');
  });

  it('ignores values too short to be told apart from ordinary text', () => {
    const r = new Redactor();
    r.add('ab');
    expect(r.redact('about abstract')).toBe('about abstract');
  });

  it('scrubs Basic authorizations and the credentials inside URLs', () => {
    const r = new Redactor();
    expect(r.redact('Authorization: Basic cm9vdDpkcmFnb25mbHk=')).toBe('Authorization: Basic [redacted]');
    expect(r.redact('GET https://ops:pw@files.example/a?X-Amz-Signature=abc&part=1 failed')).toBe('GET https://••••••@files.example/a?X-Amz-Signature=••••••&part=1 failed');
  });
});
