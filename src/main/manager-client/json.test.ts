import { describe, expect, it } from 'vitest';
import { parseFirstJson } from './json';

describe('parseFirstJson', () => {
  it('parses a normal body', () => {
    expect(parseFirstJson('{"message":"Unauthorized"}')).toEqual({ message: 'Unauthorized' });
    expect(parseFirstJson('"OK"')).toBe('OK');
  });

  it('takes the first of two concatenated objects (the doubled 422)', () => {
    const once = '{"errors":"Key: \'CreateJobRequest.Type\' Error:Field validation for \'Type\' failed on the \'required\' tag"}';
    expect(parseFirstJson(once + once)).toEqual(JSON.parse(once));
  });

  it('honours braces inside strings', () => {
    expect(parseFirstJson('{"a":"}{"}{"b":1}')).toEqual({ a: '}{' });
  });

  it('returns undefined for text, HTML and truncated JSON', () => {
    expect(parseFirstJson('rate limit exceeded')).toBeUndefined();
    expect(parseFirstJson('<html></html>')).toBeUndefined();
    expect(parseFirstJson('{"id":1,"na')).toBeUndefined();
    expect(parseFirstJson('')).toBeUndefined();
  });
});
