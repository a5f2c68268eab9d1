import { z } from 'zod';
import type { ManagerRegistry } from './registry';

/** Warn when a personal access token expires within this. */
export const TOKEN_WARNING_MS = 7 * 86400_000;

/** The warning for a token login whose expiry is known: from 7 days before it, and once it has passed. */
export function tokenWarning(expiresAt: string | null, now: number): string | null {
  if (!expiresAt) return null;
  const left = Date.parse(expiresAt) - now;
  const day = expiresAt.slice(0, 10);
  if (left <= 0) return `The personal access token expired on ${day}: create a new one and edit this manager.`;
  if (left >= TOKEN_WARNING_MS) return null;
  // Calendar days (UTC), as the date beside it reads: on Dec 1 a token of Dec 4 expires "in 3 days" at
  // any hour, where rounding the hours left said 4 in the morning and 3 in the afternoon.
  const days = Math.round((Date.parse(day) - Date.parse(new Date(now).toISOString().slice(0, 10))) / 86400_000);
  if (days <= 0) return `The personal access token expires today (${day}): create a new one and edit this manager.`;
  return `The personal access token expires in ${days} day${days === 1 ? '' : 's'} (${day}): create a new one and edit this manager.`;
}

const PatList = z.array(z.object({ token: z.string(), expired_at: z.string() })).nullable();

/**
 * A token login cannot ask when its token expires: the open API has no such endpoint. A password login
 * to the same manager can (any signed-in user may list the tokens), so when one is configured the expiry
 * is read there and remembered.
 */
export async function learnTokenExpiry(registry: ManagerRegistry, id: string): Promise<string | null> {
  const r = registry.get(id);
  if (r.auth.kind !== 'pat' || r.auth.tokenExpiresAt) return r.auth.kind === 'pat' ? r.auth.tokenExpiresAt : null;
  const sibling = registry.all().find((x) => x.id !== id && x.auth.kind === 'password' && x.baseUrl === r.baseUrl);
  const token = await registry.storedCredentialsFor(id, { baseUrl: r.baseUrl, auth: { kind: 'pat' } })?.pat();
  if (!sibling || !token) return null;
  const client = await registry.client(sibling.id);
  const answer = await client.call({ method: 'GET', path: '/api/v1/personal-access-tokens', query: { per_page: 1000 } });
  const parsed = PatList.safeParse(JSON.parse(answer.text));
  const mine = parsed.success ? parsed.data?.find((p) => p.token === token) : undefined;
  if (!mine) return null;
  const expiresAt = new Date(mine.expired_at).toISOString();
  await registry.setTokenExpiry(id, expiresAt);
  return expiresAt;
}
