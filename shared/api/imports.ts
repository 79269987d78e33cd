import { z } from 'zod';
import { JobRef } from './jobs';

/** Rows of a snapshot, written (or, when refused, read). */
export const ImportCounts = z.object({
  households: z.number().int(),
  persons: z.number().int(),
  incomeRows: z.number().int(),
  measureRows: z.number().int(),
  eventRows: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

/**
 * What a finished import job holds in JobStatus.result. Its warnings (and, when refused, its
 * errors) are in JobStatus.issues, each located by file, sheet, Excel row and column.
 */
export const ImportJobResult = z.object({
  snapshotId: z.number().int(),
  counts: ImportCounts,
  /** All warnings, including those beyond the listing cap of 200 per code. */
  warningCount: z.number().int(),
  /** Who wrote the rows: a write thread while the file was read (a large file), or the import after the reading. */
  writtenBy: z.enum(['thread', 'inline']),
});
export type ImportJobResult = z.infer<typeof ImportJobResult>;

export const ImportStart = z.object({
  /** An .xlsx, a .zip of CSVs, a folder of CSVs, or an uploaded file's saved path. */
  path: z.string().min(1),
  /** 保留姓名: on by default; off stores no names. */
  keepNames: z.boolean().default(true),
  /**
   * Headers mapped by hand after a first attempt reported them as unknown (column.unknown):
   * sheet name → the export's header → the template header it means.
   */
  columnMapping: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});

export const IssueReportRequest = z
  .object({
    /** The issues of an import job (a refused import has only these). */
    jobId: z.string().optional(),
    /** Or the warnings stored with a snapshot. */
    snapshotId: z.number().int().positive().optional(),
    /** Where to write the .xlsx; omitted, the host's work folder (the browser host then offers it). */
    path: z.string().min(1).optional(),
  })
  .refine((r) => (r.jobId === undefined) !== (r.snapshotId === undefined), { message: '需要 jobId 或 snapshotId 之一' });

export const IssueReportSaved = z.object({ path: z.string(), rows: z.number().int() });

/**
 * Import of a county export as a job: start it, poll jobs.status for progress and issues,
 * cancel with jobs.cancel; then save the list of errors and warnings as an .xlsx report.
 */
export const importsApi = {
  'imports.start': { request: ImportStart, response: JobRef },
  'imports.saveIssueReport': { request: IssueReportRequest, response: IssueReportSaved },
} as const;
