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
 * Writes one Parquet file with DuckDB's own writer. Each batch of rows is read into column arrays and
 * goes into a scratch table of the in-memory DuckDB through data chunks (text columns of few values as
 * integer codes, decoded by DuckDB as the part is written) and is written out as
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
  const parts: string[] = [];
  const pending: (Promise<unknown> | null)[] = [null, null];
  const prefix = constants.map((c) => `${literal(c.value)} AS "${c.name}"`);
  let rows = 0;
  try {
    for (const [k, fill] of batches.entries()) {
      const slot = k % 2;
      const table = SCRATCH[slot] as string;
      const batch = readBatch(columns, fill);
      await pending[slot];
      await cons.append.run(`DROP TABLE IF EXISTS ${table}`);
      if (batch.rows === 0 && (parts.length > 0 || k < batches.length - 1)) continue;
      await cons.append.run(`CREATE TABLE ${table} (${batch.columns.map((c) => `"${c.name}" ${c.scratchType}`).join(', ')})`);
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

/**
 * Text columns with at most this many different values in a batch cross into DuckDB as integer codes
 * and are decoded there from a list of the values: a text value costs one native call, a whole
 * vector of integers one copy (sex, relation, health … have a handful of values in a million rows).
 */
const MAX_CODES = 1024;

/** One column of a batch read into memory: its values, or for a coded text column codes and labels. */
interface BatchColumn {
  readonly name: string;
  readonly type: DuckDBType;
  readonly scratchType: string;
  readonly values: Cell[];
  /** The texts of codes 1…n when the column is coded (its values are then the codes). */
  readonly labels: readonly string[] | null;
}

interface Batch {
  readonly rows: number;
  readonly columns: readonly BatchColumn[];
}

/** Reads one batch into column arrays; text columns keep codes while their values stay few. */
function readBatch(columns: readonly ParquetColumn[], fill: BatchFill): Batch {
  // A coded column keeps only its codes (the texts are the dictionary's keys), so memory holds one array per column.
  const values: Cell[][] = columns.map(() => []);
  const codes: (Map<string, number> | null)[] = columns.map((c) => (c.type === 'VARCHAR' ? new Map() : null));
  let rows = 0;
  fill((row) => {
    for (let i = 0; i < columns.length; i++) {
      const value = cell(row[i], columns[i] as ParquetColumn);
      const dictionary = codes[i];
      if (!dictionary || value === null) {
        (values[i] as Cell[]).push(value);
        continue;
      }
      let code = dictionary.get(value as string);
      if (code === undefined) {
        code = dictionary.size + 1;
        if (code > MAX_CODES) {
          // Too many values for codes: the column goes back to text, its earlier rows decoded.
          const labels = [...dictionary.keys()];
          values[i] = (values[i] as Cell[]).map((c) => (c === null ? null : (labels[(c as number) - 1] as string)));
          (values[i] as Cell[]).push(value);
          codes[i] = null;
          continue;
        }
        dictionary.set(value as string, code);
      }
      (values[i] as Cell[]).push(code);
    }
    rows++;
  });
  return {
    rows,
    columns: columns.map((c, i): BatchColumn => {
      const dictionary = codes[i];
      if (!dictionary) {
        const type = DUCK_TYPES[c.type];
        return { name: c.name, type, scratchType: c.type, values: values[i] as Cell[], labels: null };
      }
      const labels = [...dictionary.keys()];
      return { name: c.name, type: INTEGER, scratchType: 'INTEGER', values: values[i] as Cell[], labels };
    }),
  };
}

/** The column as the Parquet file has it: a coded text column decoded from its list of texts. */
function selectExpression(column: BatchColumn): string {
  const name = `"${column.name}"`;
  if (!column.labels) return name;
  if (column.labels.length === 0) return `CAST(NULL AS VARCHAR) AS ${name}`;
  return `CAST([${column.labels.map(literal).join(', ')}][${name}] AS VARCHAR) AS ${name}`;
}

/** Appends a batch read into memory to a scratch table, a data chunk of DuckDB's vector size at a time. */
async function appendBatch(con: DuckDBConnection, table: string, batch: Batch): Promise<void> {
  const appender = await con.createAppender(table);
  const types = batch.columns.map((c) => c.type);
  for (let from = 0; from < batch.rows; from += CHUNK) {
    const chunk = DuckDBDataChunk.create([...types]);
    chunk.setColumns(batch.columns.map((c) => c.values.slice(from, from + CHUNK)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
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
