import { z } from 'zod';
import { ConnectionReport } from '../../shared/models';

/** One manager as stored on disk: references and flags only, never a secret. */
export const ManagerRecord = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('password'), username: z.string() }),
    /** The token's expiry when known (typed in, or read with a password login to the same manager). */
    z.object({ kind: z.literal('pat'), tokenExpiresAt: z.string().nullable().default(null) }),
  ]),
  caCertPath: z.string().nullable(),
  skipTlsVerify: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastReport: ConnectionReport.nullable(),
});
export type ManagerRecord = z.infer<typeof ManagerRecord>;

export const ManagersFile = z.object({ version: z.literal(1), managers: z.array(ManagerRecord) });
export type ManagersFile = z.infer<typeof ManagersFile>;

export const MANAGERS_FILE_NAME = 'managers.json';
