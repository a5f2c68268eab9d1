import { describe, expect, it } from 'vitest';
import { SharedValues } from './shared-values';

describe('SharedValues', () => {
  it('hands out one value per key, and starts afresh past its bound without dropping what it gave', () => {
    const shared = new SharedValues<string[]>(2);
    const a = shared.get('a', () => ['a']);
    expect(shared.get('a', () => ['other'])).toBe(a);
    shared.get('b', () => ['b']);
    // A third key: the table starts afresh, so 'a' is made again; the first copy is still whole.
    const again = shared.get('c', () => ['c']) && shared.get('a', () => ['a2']);
    expect(again).toEqual(['a2']);
    expect(a).toEqual(['a']);
  });
});
