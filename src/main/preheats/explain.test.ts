import { describe, expect, it } from 'vitest';
import { emptySpec } from '../../shared/preheat-spec';
import { httpError } from '../manager-client/errors';
import { explainCreateFailure } from './explain';

const refusal = (status: number, body: string) => httpError('prod-eu', '/api/v1/jobs', { status, text: body }, 'jwt');

describe('explaining a manager\'s refusal of a create', () => {
  it('no candidate scheduler: names the cluster', () => {
    const e = explainCreateFailure(refusal(500, '{"message":"candidate schedulers not found"}'), emptySpec('file'), 'prod-eu', ['eu-north-1']);
    expect(e.message).toBe('Cluster eu-north-1 on prod-eu has no active scheduler with the preheat feature, so the manager refused the preheat');
    expect(e.fields).toEqual([{ path: 'targets', message: 'prod-eu: no active scheduler with the preheat feature in eu-north-1' }]);
  });

  it('a 422 lands on the form field it concerns', () => {
    const e = explainCreateFailure(
      refusal(422, JSON.stringify({ errors: "Key: 'CreatePreheatJobRequest.Args.IPs' Error:Field validation for 'IPs' failed on the 'lte' tag" })),
      emptySpec('file'),
      'prod-eu',
      ['a'],
    );
    expect(e.fields).toEqual([{ path: 'selection.ips', message: 'prod-eu: args.ips is above what the manager accepts' }]);
  });

  it('a registry error of an image preheat lands on the image field', () => {
    const e = explainCreateFailure(refusal(500, '{"message":"Get \\"https://r/v2/\\": dial tcp: lookup r: no such host"}'), emptySpec('image'), 'prod-eu', ['a']);
    expect(e.message).toBe('prod-eu could not read the image manifest: Get "https://r/v2/": dial tcp: lookup r: no such host');
    expect(e.fields[0]!.path).toBe('image.reference');
  });

  it('429 says rate limited; a guest is told why', () => {
    expect(explainCreateFailure(refusal(429, 'rate limit exceeded'), emptySpec('file'), 'prod-eu', ['a', 'b']).message).toMatch(/^Rate limited: prod-eu/);
    expect(explainCreateFailure(refusal(401, '{"message":"permission deny"}'), emptySpec('file'), 'prod-eu', ['a']).message).toMatch(/may only read/);
  });
});
