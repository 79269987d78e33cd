import { z } from 'zod';

/** What the export thread is started with (checked with zod as the thread starts). */
export const exportThreadDataSchema = z.object({
  dbPath: z.string().min(1),
  snapshotId: z.number().int(),
  dir: z.string().min(1),
  partition: z.array(z.object({ name: z.string(), value: z.string() })),
  ranges: z.array(z.object({ from: z.number().int(), to: z.number().int() })),
  names: z.boolean(),
  /** The files (EXPORT_TABLES' names) the thread writes, in this order. */
  tables: z.array(z.string()),
});
export type ExportThreadData = z.infer<typeof exportThreadDataSchema>;

/** The thread's reports: a table written (merged, complete), all done, or the failure that ended it. */
export const fromExportThreadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('table'), table: z.string(), rows: z.number().int() }),
  z.object({ type: z.literal('done') }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromExportThread = z.infer<typeof fromExportThreadSchema>;
