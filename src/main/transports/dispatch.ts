import type { z } from 'zod';
import { calls, type CallName, type Handlers } from '../../shared/contract';
import { DeskError, fail, ok, type Result } from '../../shared/result';

function describe(error: z.ZodError): { message: string; fields: { path: string; message: string }[] } {
  const fields = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = fields[0];
  return { message: first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'Invalid input', fields };
}

/**
 * The one entry point both transports use: validate the input against the contract, run the handler,
 * validate the output (which also strips anything the contract does not declare), and return a typed
 * result. Nothing is ever thrown across the boundary.
 */
export async function dispatch(handlers: Handlers, name: string, raw: unknown, log?: (m: string) => void): Promise<Result<unknown>> {
  if (!Object.hasOwn(calls, name)) return fail('invalid_input', `Unknown call "${name}"`);
  const call = calls[name as CallName];
  const parsed = call.input.safeParse(raw ?? {});
  if (!parsed.success) {
    const { message, fields } = describe(parsed.error);
    return fail('invalid_input', message, { fields });
  }
  try {
    const handler = handlers[name as CallName] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const out = call.output.safeParse(value);
    if (!out.success) {
      log?.(`${name}: output does not fit the contract: ${describe(out.error).message}`);
      return fail('internal', `The back end produced an answer to ${name} that does not fit the contract`);
    }
    return ok(out.data);
  } catch (err) {
    if (err instanceof DeskError) return err.toFailure();
    if ((err as z.ZodError)?.name === 'ZodError') {
      const { message, fields } = describe(err as z.ZodError);
      return fail('invalid_input', message, { fields });
    }
    log?.(`${name}: ${(err as Error).stack ?? String(err)}`);
    return fail('internal', `${name} failed: ${(err as Error).message}`);
  }
}
