import { z } from 'zod';
import { JobRef } from './jobs';
import { Delivery } from './delivery';

/**
 * An opaque name for a file the user picked in the desktop dialog or uploaded: the host keeps the
 * path, the page never names one (a path from the page once read /proc/self/environ).
 */
export const SourceId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '所选文件的编号不正确');

/** A file the user picked or uploaded, as the page knows it: its id and its name to show. */
export const PickedSource = z.object({ source: SourceId, name: z.string() });
export type PickedSource = z.infer<typeof PickedSource>;

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

/** What a refused import job keeps in JobStatus.result: the rows read and every issue's count. */
export const ImportRefusedResult = z.object({
  snapshotId: z.null(),
  counts: ImportCounts,
  warningCount: z.number().int(),
  errorCount: z.number().int(),
});
export type ImportRefusedResult = z.infer<typeof ImportRefusedResult>;

export const ImportStart = z.object({
  /** The file the user picked (dialog.openFile) or uploaded: an .xlsx, a .zip of CSVs, a CSV. */
  source: SourceId,
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
  })
  .strict()
  .refine((r) => (r.jobId === undefined) !== (r.snapshotId === undefined), { message: '需要 jobId 或 snapshotId 之一' });

/** The report as a delivery: the page hands it to deliver() (download, or the desktop's save dialog). */
export const IssueReportSaved = z.object({ delivery: Delivery, rows: z.number().int() });

/**
 * Import of a county export as a job: start it, poll jobs.status for progress and issues,
 * cancel with jobs.cancel; then save the list of errors and warnings as an .xlsx report.
 */
export const importsApi = {
  'imports.start': { request: ImportStart, response: JobRef },
  'imports.saveIssueReport': { request: IssueReportRequest, response: IssueReportSaved },
} as const;
