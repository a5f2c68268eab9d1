import type { z } from 'zod';
import { DeskError } from '../../shared/result';

/** Parse manager JSON; a misfit names the manager, what was read and the first field that does not fit. */
export function parseManagerJson<S extends z.ZodType>(manager: string, what: string, schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(the whole body)';
  throw new DeskError('bad_response', `${manager} sent ${what} that does not fit the manager API: ${field}: ${issue?.message ?? 'unexpected shape'}`, {
    field,
  });
}
