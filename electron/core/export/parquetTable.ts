import { rmSync } from 'node:fs';
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

/** A column of an exported table: its name and its Parquet (DuckDB) type. */
export interface ParquetColumn {
  readonly name: string;
  readonly type: 'INTEGER' | 'DOUBLE' | 'VARCHAR';
}

/** A text column with one value in every row of the file (the partition's county_code and as_of). */
export interface ConstantColumn {
  readonly name: string;
  readonly value: string;
}

const DUCK_TYPES: Readonly<Record<ParquetColumn['type'], DuckDBType>> = { INTEGER, DOUBLE, VARCHAR };

/** Rows per data chunk: DuckDB's vector size. */
const CHUNK = 2048;

type Cell = number | string | null;

/** Fills one batch of rows synchronously through `add` (a finished SQLite statement per batch). */
export type BatchFill = (add: (row: readonly unknown[]) => void) => void;

/** Two connections of one DuckDB: one appends the next batch while the other writes the last one out. */
export interface ParquetConnections {
  readonly append: DuckDBConnection;
  readonly write: DuckDBConnection;
}

const SCRATCH = ['tuopin_export_scratch_a', 'tuopin_export_scratch_b'] as const;

/**
 * Writes one Parquet file with DuckDB's own writer. Each batch of rows goes into a scratch table of
 * the in-memory DuckDB through data chunks (column arrays, no per-value calls) and is written out as
 * an uncompressed part file; the parts are then merged, in order, into the one file (zstd). Memory
 * holds two batches, not the table: the large county's person table alone would take a gigabyte.
 * While DuckDB's threads compress batch k into its part, this thread reads batch k+1 from SQLite
 * into the other scratch table, so both cores work. The constant columns are added by DuckDB as
 * the part is written, not appended a value per row.
 */
export async function writeParquetTable(
  cons: ParquetConnections, file: string, constants: readonly ConstantColumn[], columns: readonly ParquetColumn[],
  batches: readonly BatchFill[],
): Promise<number> {
  const types = columns.map((c) => DUCK_TYPES[c.type]);
  const parts: string[] = [];
  const pending: (Promise<unknown> | null)[] = [null, null];
  const prefix = constants.map((c) => `${literal(c.value)} AS "${c.name}"`).join(', ');
  let rows = 0;
  try {
    for (const [k, fill] of batches.entries()) {
      const slot = k % 2;
      const table = SCRATCH[slot] as string;
      await pending[slot];
      await cons.append.run(`DROP TABLE IF EXISTS ${table}`);
      await cons.append.run(`CREATE TABLE ${table} (${columns.map((c) => `"${c.name}" ${c.type}`).join(', ')})`);
      const inBatch = await appendBatch(cons.append, table, columns, types, fill);
      if (inBatch === 0 && (parts.length > 0 || k < batches.length - 1)) continue;
      const part = `${file}.part${parts.length}`;
      parts.push(part);
      rows += inBatch;
      const select = `SELECT ${prefix ? `${prefix}, ` : ''}* FROM ${table}`;
      // A part is read once by the merge: written uncompressed, only the final file pays for zstd.
      pending[slot] = cons.write.run(`COPY (${select}) TO ${literal(part)} (FORMAT parquet, COMPRESSION uncompressed)`);
      // A failed write is seen when its slot is awaited (or at the end), not left unhandled meanwhile.
      pending[slot]?.catch(() => undefined);
    }
    await Promise.all(pending);
    if (parts.length === 0) throw new Error('没有要写的批次');
    // With insertion order preserved (DuckDB's default), a list of files is read in its order. The
    // parts lie under county_code=…/as_of=…: without hive_partitioning = false DuckDB would take
    // those from the path as a number and a date instead of the files' own text columns.
    const list = `[${parts.map(literal).join(', ')}]`;
    await cons.write.run(
      `COPY (SELECT * FROM read_parquet(${list}, hive_partitioning = false)) TO ${literal(file)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    await Promise.allSettled(pending);
    for (const t of SCRATCH) await cons.append.run(`DROP TABLE IF EXISTS ${t}`);
    for (const p of parts) rmSync(p, { force: true });
  }
  return rows;
}

/** Appends one batch to a scratch table, a data chunk of column arrays at a time; returns its rows. */
async function appendBatch(
  con: DuckDBConnection, table: string, columns: readonly ParquetColumn[], types: readonly DuckDBType[],
  fill: BatchFill,
): Promise<number> {
  const appender = await con.createAppender(table);
  let buffer: Cell[][] = columns.map(() => []);
  let rows = 0;
  const flush = (): void => {
    if ((buffer[0]?.length ?? 0) === 0) return;
    const chunk = DuckDBDataChunk.create([...types]);
    chunk.setColumns(buffer);
    appender.appendDataChunk(chunk);
    buffer = columns.map(() => []);
  };
  fill((row) => {
    for (let i = 0; i < columns.length; i++) (buffer[i] as Cell[]).push(cell(row[i], columns[i] as ParquetColumn));
    rows++;
    if ((buffer[0]?.length ?? 0) === CHUNK) flush();
  });
  flush();
  appender.closeSync();
  return rows;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A SQLite value as the column's type wants it; a value of another kind is an error, not a silent loss. */
function cell(value: unknown, column: ParquetColumn): Cell {
  if (value === null || value === undefined) return null;
  if (column.type === 'VARCHAR') return typeof value === 'string' ? value : String(value);
  if (typeof value === 'number' && (column.type === 'DOUBLE' || Number.isInteger(value))) return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`列 ${column.name} 应为${column.type === 'INTEGER' ? '整数' : '数值'}，数据库中却是“${String(value).slice(0, 20)}”`);
}
