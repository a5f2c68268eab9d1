import { describe, expect, it } from 'vitest';
import { secretsOption } from './secrets-option';

describe('the --secrets launch option', () => {
  it('is read in both spellings npm start can pass on', () => {
    expect(secretsOption(['/app', '--secrets', 'file'])).toBe('file');
    expect(secretsOption(['/app', '--secrets=memory'])).toBe('memory');
    expect(secretsOption(['/app', 'dragonfly-desk://failures'])).toBeUndefined();
  });
});
