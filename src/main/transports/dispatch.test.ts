import { describe, expect, it } from 'vitest';
import { DeskError } from '../../shared/result';
import type { Handlers } from '../../shared/contract';
import { dispatch } from './dispatch';

const handlers = {
  'managers.remove': async () => ({ removed: true, extra: 'not in the contract' }),
  'managers.list': async () => {
    throw new DeskError('keychain', 'The OS keychain could not read a secret: locked');
  },
  'jobs.refresh': async () => {
    throw new Error('boom');
  },
} as unknown as Handlers;

describe('dispatch', () => {
  it('rejects input that does not fit, naming the field, without calling the handler', async () => {
    const res = await dispatch(handlers, 'managers.add', { name: 'x', baseUrl: 'ftp://h', auth: { kind: 'pat', token: 't' } });
    expect(res).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(res.ok === false && res.message).toMatch(/^baseUrl: Base URL must be an http:\/\/ or https:\/\/ address/);
  });

  it('refuses unknown calls', async () => {
    expect(await dispatch(handlers, 'shell.exec', {})).toMatchObject({ ok: false, code: 'invalid_input', message: 'Unknown call "shell.exec"' });
    expect(await dispatch(handlers, 'constructor', {})).toMatchObject({ ok: false, code: 'invalid_input' });
  });

  it('returns only what the contract declares', async () => {
    expect(await dispatch(handlers, 'managers.remove', { id: 'a' })).toEqual({ ok: true, value: { removed: true } });
  });

  it('turns typed errors into typed failures and others into internal ones', async () => {
    expect(await dispatch(handlers, 'managers.list', {})).toEqual({
      ok: false,
      code: 'keychain',
      message: 'The OS keychain could not read a secret: locked',
    });
    expect(await dispatch(handlers, 'jobs.refresh', {})).toMatchObject({ ok: false, code: 'internal', message: 'jobs.refresh failed: boom' });
  });
});
