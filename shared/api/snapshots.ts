import { z } from 'zod';
import { Empty, UserIssue } from './common';

export const SnapshotSummary = z.object({
  id: z.number().int(),
  countyCode: z.string().nullable(),
  countyName: z.string(),
  asOf: z.string(),
  sourceName: z.string(),
  sourceSha256: z.string(),
  importedAt: z.string(),
  keepNames: z.boolean(),
  eventsDerived: z.boolean(),
  lineSet: z.string(),
  households: z.number().int(),
  persons: z.number().int(),
  incomeRows: z.number().int(),
  measureRows: z.number().int(),
  eventRows: z.number().int(),
  warningCount: z.number().int(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;

export const SnapshotId = z.object({ id: z.number().int().positive() });

export const snapshotsApi = {
  'snapshots.list': { request: Empty, response: z.array(SnapshotSummary) },
  'snapshots.delete': { request: SnapshotId, response: z.object({ deleted: z.boolean() }) },
  'snapshots.issues': { request: SnapshotId, response: z.array(UserIssue) },
} as const;
