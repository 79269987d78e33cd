import { z } from 'zod';
import { Delivery } from './delivery';

const ExportFile = z.object({
  table: z.string(),
  /** Path inside the export folder, with forward slashes. */
  file: z.string(),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ExportPartition = z.object({
  countyCode: z.string(),
  countyName: z.string(),
  asOf: z.string(),
  snapshotId: z.number().int(),
  /** county_code=…/as_of=… */
  path: z.string(),
  /** The line set the snapshot's figures use, and its values (also in the partition's line.parquet). */
  lineSet: z.string(),
  lines: z.array(z.object({
    year: z.number().int(), povertyLine: z.number().nullable(), monitoringThreshold: z.number().nullable(),
  })),
  files: z.array(ExportFile),
});
export type ExportPartition = z.infer<typeof ExportPartition>;

/** manifest.json of an export folder. */
export const ExportManifest = z.object({
  formatVersion: z.number().int(),
  databaseSchemaVersion: z.number().int(),
  generatedAt: z.string(),
  names: z.boolean(),
  counties: z.array(z.string()),
  partitions: z.array(ExportPartition),
  koujingSha256: z.string(),
});
export type ExportManifest = z.infer<typeof ExportManifest>;

export const ParquetExportRequest = z.object({
  /** Snapshots to export; absent: the newest one. */
  snapshotIds: z.array(z.number().int().positive()).optional(),
  /** Every snapshot of the database. */
  all: z.boolean().optional(),
  /** Write 户主姓名 / 姓名 too. */
  names: z.boolean().optional(),
  /**
   * Command line only: the folder to write into (the user's own command line names it). Refused
   * from the page, which gets a .zip delivery instead.
   */
  outDir: z.string().min(1).optional(),
  /** Command line only: write into a non-empty folder. */
  force: z.boolean().optional(),
});

export const ParquetExportResult = z.object({
  manifest: ExportManifest,
  /** The folder written (command line), else null. */
  outDir: z.string().nullable(),
  /** The export as one .zip for the page to hand to the user, else null. */
  delivery: Delivery.nullable(),
  elapsedMs: z.number(),
});
export type ParquetExportResult = z.infer<typeof ParquetExportResult>;

export const ParquetFolderRequest = ParquetExportRequest.pick({ snapshotIds: true, all: true, names: true }).strict();

export const ParquetFolderResult = z.object({
  /**
   * written; cancelled: the folder dialog was closed; declined: the folder held files and the user
   * chose not to write into it.
   */
  outcome: z.enum(['written', 'cancelled', 'declined']),
  manifest: ExportManifest.nullable(),
  /** The folder the user chose (shown back to them), null when cancelled. */
  outDir: z.string().nullable(),
  elapsedMs: z.number(),
});
export type ParquetFolderResult = z.infer<typeof ParquetFolderResult>;

export const exportApi = {
  /** Parquet partitions + manifest.json + koujing.sql (issue 16): a folder from the CLI, a .zip for the page. */
  'export.parquet': { request: ParquetExportRequest, response: ParquetExportResult },
  /**
   * Desktop only: asks for a folder with the system's folder dialog and, when it holds files, asks
   * before writing into it; the browser host refuses (its page downloads the .zip instead).
   */
  'export.parquetFolder': { request: ParquetFolderRequest, response: ParquetFolderResult },
} as const;
