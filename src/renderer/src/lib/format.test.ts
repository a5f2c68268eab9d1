import { describe, expect, it } from 'vitest';
import { duration, mib, nanos } from './format';

describe('formatting', () => {
  it('durations in the two largest units', () => {
    expect(duration(42_000)).toBe('42 s');
    expect(duration(90_000)).toBe('1 m 30 s');
    expect(duration(3_600_000)).toBe('1 h');
    expect(duration(3_900_000)).toBe('1 h 5 m');
    expect(duration(null)).toBe('-');
  });

  it('Go durations in nanoseconds, as operators read them', () => {
    expect(nanos(3_600_000_000_000)).toBe('60 min');
    expect(nanos(1_800_000_000_000)).toBe('30 min');
    expect(nanos(7_200_000_000_000)).toBe('2 h');
    expect(nanos(45_000_000_000)).toBe('45 s');
  });

  it('piece lengths in MiB', () => {
    expect(mib(4_194_304)).toBe('4 MiB');
    expect(mib(null)).toBe('-');
  });
});
