import { describe, expect, it } from 'vitest';
import { secretsChoice } from './secrets-choice';

describe('the --secrets choice', () => {
  it('takes the three choices, and refuses a mistyped one by naming it', () => {
    expect([secretsChoice('keychain'), secretsChoice('file'), secretsChoice('memory'), secretsChoice(undefined)]).toEqual(['keychain', 'file', 'memory', undefined]);
    expect(() => secretsChoice('memroy')).toThrow('--secrets must be "keychain", "file" (not encrypted) or "memory" (this run only), not "memroy"');
  });
});
