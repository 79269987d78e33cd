import { z } from 'zod';
import { Empty } from './common';

/** The ID hashing secret kept outside the database file: where, whether it is there, what its loss means. */
export const IdSecretStatus = z.object({
  /** ok: there (or not needed yet: no snapshot); missing: lost; sealed: kept by the desktop app's keychain. */
  state: z.enum(['ok', 'missing', 'sealed']),
  /** The folder (or keychain) that holds it, for the user to back up or look in. */
  where: z.string(),
  snapshots: z.number().int().nonnegative(),
  /** What is wrong and what to do, in Chinese; null when nothing is. */
  message: z.string().nullable(),
  /** What a lost secret breaks, and what it leaves as it was. */
  affects: z.array(z.string()),
  keeps: z.array(z.string()),
});
export type IdSecretStatus = z.infer<typeof IdSecretStatus>;

export const idSecretApi = {
  'idSecret.status': { request: Empty, response: IdSecretStatus },
  /** A new secret for a database whose secret is lost, on the user's word (confirm: true). */
  'idSecret.renew': { request: z.object({ confirm: z.literal(true) }).strict(), response: IdSecretStatus },
} as const;
