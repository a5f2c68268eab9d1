import type { ConnectionReport } from '../../shared/models';
import { DeskError } from '../../shared/result';
import type { Job } from '../manager-client/wire-format';
import type { ManagerClient } from '../manager-client/client';
import { JwtAuthenticator } from '../manager-client/session';

const message = (err: unknown) => (err instanceof DeskError ? err.message : (err as Error).message);

/**
 * "Test connection": reachability (`/healthy`), whether the credentials work, the user's roles for a JWT
 * login, and the API generation inferred from behaviour (manager-api.md §8).
 */
export async function checkConnection(client: ManagerClient, now: () => number = Date.now): Promise<ConnectionReport> {
  const report: ConnectionReport = {
    checkedAt: new Date(now()).toISOString(),
    reachable: { ok: false, message: '', latencyMs: null },
    credentials: null,
    roles: null,
    userName: null,
    generation: null,
  };
  try {
    const { latencyMs } = await client.healthy();
    report.reachable = { ok: true, latencyMs: Math.round(latencyMs), message: `Reachable; /healthy answered in ${Math.round(latencyMs)} ms` };
  } catch (err) {
    report.reachable = { ok: false, latencyMs: null, message: message(err) };
    return report;
  }

  let newest: Job | null = null;
  try {
    if (client.auth instanceof JwtAuthenticator) {
      const startedAt = now();
      const session = await client.auth.verified();
      // A sign-in of a moment ago stands for this check; the report says it is not a new one.
      const ago = session.signedInAt !== undefined && session.signedInAt < startedAt ? ` ${Math.max(1, Math.round((startedAt - session.signedInAt) / 1000))} s ago` : '';
      report.roles = await client.roles(session.userId);
      report.userName = await client.userName(session.userId).catch(() => null);
      const who = report.userName ?? `user ${session.userId}`;
      report.credentials = {
        ok: true,
        message: `Signed in as ${who}${ago} (${report.roles.length ? report.roles.join(', ') : 'no role'})${
          report.roles.includes('root') ? '' : '; guests can read but not create preheats'
        }`,
      };
    }
    newest = (await client.listJobs({ page: 1, perPage: 1 })).jobs[0] ?? null;
    if (client.auth.kind === 'pat') {
      let clusters = 'clusters readable';
      try {
        await client.listClusters();
      } catch (err) {
        clusters = `clusters not readable: ${message(err)}`;
      }
      report.credentials = { ok: true, message: `Token accepted on the open API (jobs readable; ${clusters})` };
    }
  } catch (err) {
    report.credentials = { ok: false, message: message(err) };
  }
  try {
    report.generation = await client.generation(newest);
  } catch (err) {
    report.generation = { label: 'unknown', fullSupport: false, evidence: [], warnings: [message(err)] };
  }
  return report;
}
