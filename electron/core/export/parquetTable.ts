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

/**
 * Writes one Parquet file with DuckDB's own writer: the rows go into a scratch table of the
 * in-memory DuckDB through data chunks (column arrays, no per-value calls), then COPY … TO writes
 * the file (zstd-compressed) and the table is dropped. `fill` pushes the rows through `add`.
 */
export async function writeParquetTable(
  con: DuckDBConnection, file: string, columns: readonly ParquetColumn[], fill: (add: (row: readonly unknown[]) => void) => void,
): Promise<number> {
  const table = 'tuopin_export_scratch';
  await con.run(`DROP TABLE IF EXISTS ${table}`);
  await con.run(`CREATE TABLE ${table} (${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
  const appender = await con.createAppender(table);
  const types = columns.map((c) => DUCK_TYPES[c.type]);
  let buffer: Cell[][] = columns.map(() => []);
  let rows = 0;
  const flush = (): void => {
    if ((buffer[0]?.length ?? 0) === 0) return;
    const chunk = DuckDBDataChunk.create(types);
    chunk.setColumns(buffer);
    appender.appendDataChunk(chunk);
    buffer = columns.map(() => []);
  };
  try {
    fill((row) => {
      for (let i = 0; i < columns.length; i++) (buffer[i] as Cell[]).push(cell(row[i], columns[i] as ParquetColumn));
      rows++;
      if ((buffer[0]?.length ?? 0) === CHUNK) flush();
    });
    flush();
    appender.closeSync();
    await con.run(`COPY ${table} TO '${file.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    await con.run(`DROP TABLE IF EXISTS ${table}`);
  }
  return rows;
}

/** A SQLite value as the column's type wants it; a value of another kind is an error, not a silent loss. */
function cell(value: unknown, column: ParquetColumn): Cell {
  if (value === null || value === undefined) return null;
  if (column.type === 'VARCHAR') return typeof value === 'string' ? value : String(value);
  if (typeof value === 'number' && (column.type === 'DOUBLE' || Number.isInteger(value))) return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`列 ${column.name} 应为${column.type === 'INTEGER' ? '整数' : '数值'}，数据库中却是“${String(value).slice(0, 20)}”`);
}
