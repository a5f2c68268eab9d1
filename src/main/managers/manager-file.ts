import { z } from 'zod';
import { ConnectionReport } from '../../shared/models';

/** One manager as stored on disk: references and flags only, never a secret. */
export const ManagerRecord = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('password'), username: z.string() }),
    z.object({ kind: z.literal('pat') }),
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
