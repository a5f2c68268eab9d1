import type { ApiGeneration } from '../../shared/models';

export type JobsProbe = 'protected' | 'open' | 'missing' | 'other';

/**
 * There is no version endpoint (manager-api.md §6, §8), so the generation is inferred from behaviour:
 * whether `/api/v1/jobs` needs a login (v2.4.1+) and which preheat args the newest job carries.
 */
export function inferGeneration(probe: JobsProbe, newestArgs: Record<string, unknown> | null): ApiGeneration {
  const evidence: string[] = [];
  const warnings: string[] = [];
  if (probe === 'missing') {
    return {
      label: 'not a Dragonfly v2 manager',
      fullSupport: false,
      evidence: ['/api/v1/jobs redirects: the endpoint does not exist'],
      warnings: ['This address does not serve the Dragonfly manager API (v2.1.0 or later). Check the base URL.'],
    };
  }
  if (probe === 'protected') evidence.push('/api/v1/jobs requires a login (added in v2.4.1)');
  if (probe === 'open') {
    evidence.push('/api/v1/jobs answers without a login (v2.4.0 or earlier)');
    warnings.push('This manager serves its job API without authentication; anyone who can reach it can create and delete preheats. v2.4.1 fixed this.');
  }
  let argsFloor: 'v2.4.4' | 'v2.3.1' | 'v2.1.57' | 'older' | null = null;
  if (newestArgs) {
    if ('object_storage' in newestArgs) argsFloor = 'v2.4.4';
    else if ('concurrent_task_count' in newestArgs) argsFloor = 'v2.3.1';
    else if ('scope' in newestArgs) argsFloor = 'v2.1.57';
    else argsFloor = 'older';
    evidence.push(
      argsFloor === 'v2.4.4'
        ? 'the newest job has object_storage args (v2.4.4 or later)'
        : argsFloor === 'v2.3.1'
          ? 'the newest job has concurrent_task_count (v2.3.1 or later)'
          : argsFloor === 'v2.1.57'
            ? 'the newest job has scope but no concurrent_task_count (v2.1.57 – v2.3.0)'
            : 'the newest job has no scope arg (older than v2.1.57)',
    );
  }
  if (probe === 'protected') {
    return { label: argsFloor === 'v2.4.4' ? 'v2.4.4 or later' : 'v2.4.1 or later', fullSupport: true, evidence, warnings };
  }
  if (probe === 'open' && (argsFloor === 'v2.4.4' || argsFloor === 'v2.3.1')) {
    return { label: 'v2.3.1 – v2.4.0', fullSupport: true, evidence, warnings };
  }
  if (probe === 'open' && argsFloor) {
    warnings.push(
      'Managers older than v2.3.1 run one task per layer, ignore ips, count and percentage, and report per-peer results only from v2.1.57. Preheats work, but targeting and failure detail are limited.',
    );
    return { label: 'older than v2.3.1', fullSupport: false, evidence, warnings };
  }
  if (probe === 'open') {
    warnings.push('The exact version shows once the manager has a preheat job; versions before v2.3.1 are only partly supported.');
    return { label: 'v2.4.0 or earlier', fullSupport: false, evidence, warnings };
  }
  return { label: 'unknown', fullSupport: false, evidence, warnings: ['The manager answered the version probe unexpectedly.'] };
}
