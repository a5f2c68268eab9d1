import { describe, expect, it } from 'vitest';
import { tokenWarning } from './token-expiry';

const NOW = Date.parse('2026-11-26T12:00:00Z');

describe('personal access token expiry', () => {
  it('says nothing when the expiry is unknown or more than 7 days away', () => {
    expect(tokenWarning(null, NOW)).toBeNull();
    expect(tokenWarning('2026-12-04T12:00:00Z', NOW)).toBeNull();
  });

  it('warns with the days left from 7 days before', () => {
    expect(tokenWarning('2026-11-29T12:00:00Z', NOW)).toBe('The personal access token expires in 3 days (2026-11-29): create a new one and edit this manager.');
    expect(tokenWarning('2026-11-27T20:00:00Z', NOW)).toBe('The personal access token expires in 1 day (2026-11-27): create a new one and edit this manager.');
    expect(tokenWarning('2026-11-26T20:00:00Z', NOW)).toBe('The personal access token expires today (2026-11-26): create a new one and edit this manager.');
  });

  it('counts calendar days, the same at any hour of the day', () => {
    // Valid to the end of Nov 29 (what the form saves for a date): "in 3 days" from just after midnight to just before it.
    for (const at of ['2026-11-26T00:30:00Z', '2026-11-26T12:00:00Z', '2026-11-26T23:30:00Z']) {
      expect(tokenWarning('2026-11-29T23:59:59Z', Date.parse(at))).toBe('The personal access token expires in 3 days (2026-11-29): create a new one and edit this manager.');
    }
  });

  it('says when it has expired', () => {
    expect(tokenWarning('2026-11-20T00:00:00Z', NOW)).toBe('The personal access token expired on 2026-11-20: create a new one and edit this manager.');
  });
});
