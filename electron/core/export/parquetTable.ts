import { renameSync, rmSync } from 'node:fs';
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

/** A column of an exported table: its name and its Parquet (DuckDB) type. */
export interface ParquetColumn {
  readonly name: string;
  readonly type: 'INTEGER' | 'DOUBLE' | 'VARCHAR';
}

const DUCK_TYPES: Readonly<Record<ParquetColumn['type'], DuckDBType>> = { INTEGER, DOUBLE, VARCHAR };

/** Rows per data chunk: DuckDB's vector size. */
const CHUNK = 2048;

type Cell = number | string | null;

/** Fills one batch of rows synchronously through `add` (a finished SQLite statement per batch). */
export type BatchFill = (add: (row: readonly unknown[]) => void) => void;

/**
 * Writes one Parquet file with DuckDB's own writer. Each batch of rows goes into a scratch table of
 * the in-memory DuckDB through data chunks (column arrays, no per-value calls) and is written out as
 * a part file; the parts are then merged, in order, into the one file (zstd-compressed). Memory
 * holds one batch, not the table: the large county's person table alone would take a gigabyte.
 */
export async function writeParquetTable(
  con: DuckDBConnection, file: string, columns: readonly ParquetColumn[], batches: readonly BatchFill[],
): Promise<number> {
  const table = 'tuopin_export_scratch';
  const types = columns.map((c) => DUCK_TYPES[c.type]);
  const parts: string[] = [];
  let rows = 0;
  try {
    for (const fill of batches) {
      await con.run(`DROP TABLE IF EXISTS ${table}`);
      await con.run(`CREATE TABLE ${table} (${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
      const appender = await con.createAppender(table);
      let buffer: Cell[][] = columns.map(() => []);
      let inBatch = 0;
      const flush = (): void => {
        if ((buffer[0]?.length ?? 0) === 0) return;
        const chunk = DuckDBDataChunk.create(types);
        chunk.setColumns(buffer);
        appender.appendDataChunk(chunk);
        buffer = columns.map(() => []);
      };
      fill((row) => {
        for (let i = 0; i < columns.length; i++) (buffer[i] as Cell[]).push(cell(row[i], columns[i] as ParquetColumn));
        inBatch++;
        if ((buffer[0]?.length ?? 0) === CHUNK) flush();
      });
      flush();
      appender.closeSync();
      if (inBatch === 0 && parts.length > 0) continue;
      const part = `${file}.part${parts.length}`;
      await con.run(`COPY ${table} TO ${quoted(part)} (FORMAT parquet, COMPRESSION zstd)`);
      parts.push(part);
      rows += inBatch;
    }
    if (parts.length === 0) throw new Error('没有要写的批次');
    if (parts.length === 1) {
      renameSync(parts[0] as string, file);
      parts.length = 0;
    } else {
      // With insertion order preserved (DuckDB's default), a list of files is read in its order.
      await con.run(`COPY (SELECT * FROM read_parquet([${parts.map(quoted).join(', ')}])) TO ${quoted(file)} (FORMAT parquet, COMPRESSION zstd)`);
    }
  } finally {
    await con.run(`DROP TABLE IF EXISTS ${table}`);
    for (const p of parts) rmSync(p, { force: true });
  }
  return rows;
}

function quoted(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}

/** A SQLite value as the column's type wants it; a value of another kind is an error, not a silent loss. */
function cell(value: unknown, column: ParquetColumn): Cell {
  if (value === null || value === undefined) return null;
  if (column.type === 'VARCHAR') return typeof value === 'string' ? value : String(value);
  if (typeof value === 'number' && (column.type === 'DOUBLE' || Number.isInteger(value))) return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`列 ${column.name} 应为${column.type === 'INTEGER' ? '整数' : '数值'}，数据库中却是“${String(value).slice(0, 20)}”`);
}
