import { join } from 'node:path';
import type { Db } from '../db/database';
import { batchedByHousehold, sourceColumns, streamSnapshotRows, type HouseholdRange } from '../db/queries/exportQueries';
import { exportedColumns, parquetType, type EXPORT_TABLES } from './exportTables';
import { writeParquetTable, type BatchFill, type ConstantColumn, type ParquetConnections, type TableWrite } from './parquetTable';

export type ExportTable = (typeof EXPORT_TABLES)[number];

/** What a partition's tables are read with: the same on the main thread and on the export thread. */
export interface SourceTableJob {
  readonly snapshotId: number;
  /** The partition's folder in the staging area. */
  readonly dir: string;
  readonly partition: readonly ConstantColumn[];
  readonly ranges: readonly HouseholdRange[];
  readonly names: boolean;
}

/** Writes one snapshot table as `<dir>/<file>.parquet`, read in batches of households where it has the key. */
export function writeSourceTable(
  db: Db, cons: ParquetConnections, job: SourceTableJob, table: ExportTable,
): Promise<TableWrite> {
  const columns = exportedColumns(table.source, sourceColumns(db, table.source), job.names);
  const batches = (batchedByHousehold(table.source) ? job.ranges : [null]).map((range): BatchFill => (add) => {
    streamSnapshotRows(db, table.source, columns, job.snapshotId, range, add);
  });
  const file = join(job.dir, `${table.file}.parquet`);
  const types = columns.map((c) => ({ name: c.name, type: parquetType(c.declared) }));
  return writeParquetTable(cons, file, job.partition, types, batches);
}
