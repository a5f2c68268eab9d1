import { specPathOfManagerField, type PreheatSpec } from '../../shared/preheat-spec';
import { DeskError } from '../../shared/result';
import type { FieldIssue } from '../manager-client/errors';

export interface Explained {
  code: string;
  message: string;
  /** Form fields the manager's refusal concerns, in the spec's own paths. */
  fields: { path: string; message: string }[];
}

const RULE: Record<string, string> = {
  gte: 'is below what the manager accepts',
  lte: 'is above what the manager accepts',
  required: 'is required',
  oneof: 'is not one of the values the manager accepts',
};

/** A manager's refusal of a create, in words that say what to change, mapped onto the form where possible. */
export function explainCreateFailure(err: unknown, spec: PreheatSpec, managerName: string, clusterNames: string[]): Explained {
  if (!(err instanceof DeskError)) return { code: 'internal', message: (err as Error).message, fields: [] };
  const text = String(err.details?.managerText ?? '');
  const clusters = clusterNames.join(', ');
  if (err.code === 'server_error' && text === 'candidate schedulers not found') {
    return {
      code: err.code,
      message:
        clusterNames.length === 1
          ? `Cluster ${clusters} on ${managerName} has no active scheduler with the preheat feature, so the manager refused the preheat`
          : `None of ${clusters} on ${managerName} has an active scheduler with the preheat feature, so the manager refused the preheat`,
      fields: [{ path: 'targets', message: `${managerName}: no active scheduler with the preheat feature in ${clusters}` }],
    };
  }
  if (err.code === 'rate_limited') {
    return { code: err.code, message: `Rate limited: ${managerName} kept refusing creates for ${clusters} (job_rate_limit); try again in a moment`, fields: [] };
  }
  if (err.code === 'permission_denied') {
    return { code: err.code, message: `${managerName} refused: this user may only read. Sign in as a user with the root role, or use a personal access token with the job scope.`, fields: [] };
  }
  if (err.code === 'validation') {
    const fields = ((err.details?.fields ?? []) as FieldIssue[]).flatMap((f) => {
      const path = specPathOfManagerField(f.field, spec.kind);
      return path ? [{ path, message: `${managerName}: ${f.field} ${RULE[f.rule] ?? `fails the '${f.rule}' rule`}` }] : [];
    });
    return { code: err.code, message: err.message, fields };
  }
  if (err.code === 'server_error') {
    if (text === 'invalid params: url is required' || text === 'parse access url failed') {
      return { code: err.code, message: `${managerName}: ${text}`, fields: [{ path: 'image.reference', message: `${managerName}: ${text === 'parse access url failed' ? 'this is not a manifest URL' : 'a manifest URL is required'}` }] };
    }
    if (text === 'invalid params: url or urls is required') {
      return { code: err.code, message: `${managerName}: ${text}`, fields: [{ path: 'files', message: `${managerName}: at least one URL is required` }] };
    }
    if (/invalid platform/.test(text)) {
      return { code: err.code, message: `${managerName}: ${text}`, fields: [{ path: 'image.platform', message: `${managerName}: ${text}` }] };
    }
    if (spec.kind === 'image') {
      // The manager fetches the manifest inside the create; registry errors come back as 500s.
      return {
        code: err.code,
        message: `${managerName} could not read the image manifest: ${text}`,
        fields: [{ path: 'image.reference', message: `${managerName} could not read this manifest: ${text}` }],
      };
    }
  }
  return { code: err.code, message: err.message, fields: [] };
}
