import { rmSync } from 'node:fs';
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import * as duckdb from '@duckdb/node-bindings';
import { columnBuffer, type ColumnBuffer, type ColumnType } from './columnBuffers';

/** A column of an exported table: its name and its Parquet (DuckDB) type. */
export interface ParquetColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/** A text column with one value in every row of the file (the partition's county_code and as_of). */
export interface ConstantColumn {
  readonly name: string;
  readonly value: string;
}

const DUCK_TYPES: Readonly<Record<ColumnType, DuckDBType>> = { INTEGER, DOUBLE, VARCHAR };

/** Rows per data chunk: DuckDB's vector size. */
const CHUNK = 2048;

/** Fills one batch of rows synchronously through `add` (a finished SQLite statement per batch). */
export type BatchFill = (add: (row: readonly unknown[]) => void) => void;

/**
 * Three connections of one DuckDB: one appends the next batch while another writes the last one out,
 * and the third merges the parts of the previous table meanwhile.
 */
export interface ParquetConnections {
  readonly append: DuckDBConnection;
  readonly write: DuckDBConnection;
  readonly merge: DuckDBConnection;
}

/** A table whose rows are all read: its count, and the merge of its parts into the one file. */
export interface TableWrite {
  readonly rows: number;
  /** Settles when the file is complete; the next table is read meanwhile. */
  readonly merged: Promise<void>;
}

const SCRATCH = ['tuopin_export_scratch_a', 'tuopin_export_scratch_b'] as const;

/**
 * Writes one Parquet file with DuckDB's own writer. Each batch of rows is read into column arrays and
 * goes into a scratch table of the in-memory DuckDB through data chunks (text columns of few values as
 * integer codes, decoded by DuckDB as the part is written) and is written out as
 * an uncompressed part file; the parts are then merged, in order, into the one file (zstd). Memory
 * holds two batches, not the table: the large county's person table alone would take a gigabyte.
 * While DuckDB's threads compress batch k into its part, this thread reads batch k+1 from SQLite
 * into the other scratch table, so both cores work. The constant columns are added by DuckDB as
 * the part is written, not appended a value per row. The merge (zstd, the costliest step of DuckDB's)
 * is left running when the rows are all read: the caller reads the next table meanwhile.
 */
export async function writeParquetTable(
  cons: ParquetConnections, file: string, constants: readonly ConstantColumn[], columns: readonly ParquetColumn[],
  batches: readonly BatchFill[],
): Promise<TableWrite> {
  const parts: string[] = [];
  const pending: (Promise<unknown> | null)[] = [null, null];
  const prefix = constants.map((c) => `${literal(c.value)} AS "${c.name}"`);
  let rows = 0;
  // One set of buffers for the table: a batch is in DuckDB's scratch table before the next is read.
  const buffers = columns.map((c) => columnBuffer(c.name, c.type));
  try {
    for (const [k, fill] of batches.entries()) {
      const slot = k % 2;
      const table = SCRATCH[slot] as string;
      const batch = readBatch(columns, buffers, fill);
      await pending[slot];
      await cons.append.run(`DROP TABLE IF EXISTS ${table}`);
      if (batch.rows === 0 && (parts.length > 0 || k < batches.length - 1)) continue;
      const scratchColumns = batch.columns.map((c) => `"${c.name}" ${c.buffer.scratchType}`).join(', ');
      await cons.append.run(`CREATE TABLE ${table} (${scratchColumns})`);
      await appendBatch(cons.append, table, batch);
      const part = `${file}.part${parts.length}`;
      parts.push(part);
      rows += batch.rows;
      const select = `SELECT ${[...prefix, ...batch.columns.map(selectExpression)].join(', ')} FROM ${table}`;
      // A part is read once by the merge: written uncompressed, only the final file pays for zstd.
      pending[slot] = cons.write.run(`COPY (${select}) TO ${literal(part)} (FORMAT parquet, COMPRESSION uncompressed)`);
      // A failed write is seen when its slot is awaited (or at the end), not left unhandled meanwhile.
      pending[slot]?.catch(() => undefined);
    }
    await Promise.all(pending);
    if (parts.length === 0) throw new Error('没有要写的批次');
  } catch (err) {
    await Promise.allSettled(pending);
    for (const p of parts) rmSync(p, { force: true });
    throw err;
  } finally {
    for (const t of SCRATCH) await cons.append.run(`DROP TABLE IF EXISTS ${t}`);
  }
  return { rows, merged: mergeParts(cons.merge, parts, file) };
}

/** Merges the parts, in order, into the one file (zstd) and removes them, whether the merge succeeds or not. */
async function mergeParts(con: DuckDBConnection, parts: readonly string[], file: string): Promise<void> {
  try {
    // With insertion order preserved (DuckDB's default), a list of files is read in its order. The
    // parts lie under county_code=…/as_of=…: without hive_partitioning = false DuckDB would take
    // those from the path as a number and a date instead of the files' own text columns.
    const list = `[${parts.map(literal).join(', ')}]`;
    // zstd level 1, not DuckDB's default 3: on the bench county's income and person tables it took a fifth
    // less CPU and the files came out no larger (48.6 vs 48.7 MB, 28.0 vs 28.9 MB).
    await con.run(`COPY (SELECT * FROM read_parquet(${list}, hive_partitioning = false)) TO ${literal(file)}
      (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)`);
  } finally {
    for (const p of parts) rmSync(p, { force: true });
  }
}

interface Batch {
  readonly rows: number;
  readonly columns: readonly { readonly name: string; readonly buffer: ColumnBuffer }[];
}

/** Reads one batch into the (emptied) column buffers; text columns keep codes while their values stay few. */
function readBatch(columns: readonly ParquetColumn[], buffers: readonly ColumnBuffer[], fill: BatchFill): Batch {
  for (const b of buffers) b.reset();
  const width = buffers.length;
  let rows = 0;
  fill((row) => {
    for (let i = 0; i < width; i++) (buffers[i] as ColumnBuffer).push(row[i], rows);
    rows++;
  });
  return { rows, columns: columns.map((c, i) => ({ name: c.name, buffer: buffers[i] as ColumnBuffer })) };
}

/** The column as the Parquet file has it: a coded text column decoded from its list of texts. */
function selectExpression(column: Batch['columns'][number]): string {
  const name = `"${column.name}"`;
  const labels = column.buffer.labels();
  if (!labels) return name;
  if (labels.length === 0) return `CAST(NULL AS VARCHAR) AS ${name}`;
  return `CAST([${labels.map(literal).join(', ')}][${name}] AS VARCHAR) AS ${name}`;
}

/** Appends a batch read into memory to a scratch table, a data chunk of DuckDB's vector size at a time. */
async function appendBatch(con: DuckDBConnection, table: string, batch: Batch): Promise<void> {
  const appender = await con.createAppender(table);
  const types = batch.columns.map((c) => DUCK_TYPES[c.buffer.scratchType]);
  for (let from = 0; from < batch.rows; from += CHUNK) {
    const count = Math.min(CHUNK, batch.rows - from);
    const chunk = DuckDBDataChunk.create(types, count);
    batch.columns.forEach((c, i) => c.buffer.copyTo(duckdb.data_chunk_get_vector(chunk.chunk, i), from, count));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
