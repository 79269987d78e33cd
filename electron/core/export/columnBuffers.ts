import * as duckdb from '@duckdb/node-bindings';

/*
 * A batch of rows read from SQLite, kept column by column in typed arrays and copied into DuckDB's
 * data chunks a whole vector at a time. The large county's export handles some 90 million values:
 * boxed in JavaScript arrays and handed to DuckDB one setItem at a time, they cost more than the
 * SQLite scan itself (and most of the garbage collection); as Int32Array / Float64Array slices
 * they cost one copy per 2,048 rows.
 */

/** The column types of an exported table (DuckDB's names). */
export type ColumnType = 'INTEGER' | 'DOUBLE' | 'VARCHAR';

/**
 * Text columns with at most this many different values in a batch cross into DuckDB as integer
 * codes and are decoded there from a list of the values: a text value costs one native call, a
 * vector of codes one copy (sex, relation, health … have a handful of values in a million rows).
 */
export const MAX_CODES = 1024;

const INITIAL_ROWS = 16_384;

/** One column of a batch, filled a row at a time and copied into a DuckDB vector a range at a time. */
export interface ColumnBuffer {
  /** The type of the scratch column: INTEGER for a coded text column. */
  readonly scratchType: ColumnType;
  /** The texts of codes 1…n when the text column is coded, else null. */
  labels(): readonly string[] | null;
  push(value: unknown, row: number): void;
  /** Empties the buffer for the next batch, keeping its arrays (and their size) for it. */
  reset(): void;
  /** Copies rows [from, from + count) into the vector (whose validity starts all valid). */
  copyTo(vector: duckdb.Vector, from: number, count: number): void;
}

export function columnBuffer(name: string, type: ColumnType): ColumnBuffer {
  if (type === 'INTEGER') return new NumberBuffer(name, INTEGER_LAYOUT);
  if (type === 'DOUBLE') return new NumberBuffer(name, DOUBLE_LAYOUT);
  return new TextBuffer();
}

type Column = Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

/** The array itself while `row` fits, else a copy of twice the size (a batch's row count is known only at its end). */
function grown<T extends Column>(array: T, row: number, make: (n: number) => T): T {
  if (row < array.length) return array;
  const bigger = make(Math.max(array.length * 2, row + 1));
  bigger.set(array);
  return bigger;
}

/** Clears the validity bit of the rows of the chunk that are NULL (bit i of word i / 64, little-endian). */
function copyValidity(vector: duckdb.Vector, count: number, isNull: (i: number) => boolean): void {
  let mask: Uint8Array<ArrayBuffer> | null = null;
  for (let i = 0; i < count; i++) {
    if (!isNull(i)) continue;
    mask ??= new Uint8Array(Math.ceil(count / 64) * 8).fill(0xff);
    mask[i >> 3] = (mask[i >> 3] as number) & ~(1 << (i & 7));
  }
  if (!mask) return;
  duckdb.vector_ensure_validity_writable(vector);
  duckdb.copy_data_to_vector_validity(vector, 0, mask.buffer, 0, mask.byteLength);
}

/** An error naming the column and the value, not a silent loss or a DuckDB message in English. */
function wrongKind(name: string, expected: string, value: unknown): Error {
  return new Error(`列 ${name} 应为${expected}，数据库中却是“${String(value).slice(0, 20)}”`);
}

type NumberArray = Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>;

/** What tells a 32-bit integer column from a double one; the buffer itself is the same. */
interface NumberLayout {
  readonly scratchType: 'INTEGER' | 'DOUBLE';
  readonly bytes: number;
  readonly make: (n: number) => NumberArray;
  /** Integers must be whole and fit 32 bits; doubles take any number. */
  readonly integer: boolean;
}

const INTEGER_LAYOUT: NumberLayout = {
  scratchType: 'INTEGER', bytes: 4, make: (n) => new Int32Array(n), integer: true,
};
const DOUBLE_LAYOUT: NumberLayout = {
  scratchType: 'DOUBLE', bytes: 8, make: (n) => new Float64Array(n), integer: false,
};

class NumberBuffer implements ColumnBuffer {
  readonly scratchType: 'INTEGER' | 'DOUBLE';
  private values: NumberArray;
  private nulls: Uint8Array<ArrayBuffer> = new Uint8Array(INITIAL_ROWS);

  constructor(private readonly name: string, private readonly layout: NumberLayout) {
    this.scratchType = layout.scratchType;
    this.values = layout.make(INITIAL_ROWS);
  }

  labels(): null {
    return null;
  }

  reset(): void {
    // Every row of the next batch is written by push (value and null flag) before it is read.
  }

  push(value: unknown, row: number): void {
    this.values = grown(this.values, row, this.layout.make);
    this.nulls = grown(this.nulls, row, (n) => new Uint8Array(n));
    if (value === null || value === undefined) {
      this.nulls[row] = 1;
      return;
    }
    const n = typeof value === 'bigint' ? Number(value) : value;
    if (typeof n !== 'number') throw wrongKind(this.name, this.layout.integer ? '整数' : '数值', value);
    if (this.layout.integer && (!Number.isInteger(n) || n < -2_147_483_648 || n > 2_147_483_647)) {
      throw wrongKind(this.name, '整数', value);
    }
    this.values[row] = n;
    this.nulls[row] = 0;
  }

  copyTo(vector: duckdb.Vector, from: number, count: number): void {
    const bytes = this.layout.bytes;
    duckdb.copy_data_to_vector(vector, 0, this.values.buffer, from * bytes, count * bytes);
    copyValidity(vector, count, (i) => this.nulls[from + i] !== 0);
  }
}

/** Text kept as codes (0 = NULL) while the batch has few values, as strings once it has more. */
class TextBuffer implements ColumnBuffer {
  private dictionary: Map<string, number> | null = new Map();
  private codes: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_ROWS);
  private texts: (string | null)[] = [];

  get scratchType(): ColumnType {
    return this.dictionary ? 'INTEGER' : 'VARCHAR';
  }

  labels(): readonly string[] | null {
    return this.dictionary ? [...this.dictionary.keys()] : null;
  }

  reset(): void {
    this.dictionary = new Map();
    this.texts = [];
  }

  push(value: unknown, row: number): void {
    const text = value === null || value === undefined ? null : typeof value === 'string' ? value : String(value);
    const dictionary = this.dictionary;
    if (!dictionary) {
      this.texts[row] = text;
      return;
    }
    this.codes = grown(this.codes, row, (n) => new Int32Array(n));
    if (text === null) {
      this.codes[row] = 0;
      return;
    }
    let code = dictionary.get(text);
    if (code === undefined) {
      code = dictionary.size + 1;
      if (code > MAX_CODES) {
        // Too many values for codes: the column goes back to text, its earlier rows decoded.
        const labels = [...dictionary.keys()];
        this.texts = Array.from(this.codes.subarray(0, row), (c) => (c === 0 ? null : (labels[c - 1] as string)));
        this.texts[row] = text;
        this.dictionary = null;
        return;
      }
      dictionary.set(text, code);
    }
    this.codes[row] = code;
  }

  copyTo(vector: duckdb.Vector, from: number, count: number): void {
    if (this.dictionary) {
      duckdb.copy_data_to_vector(vector, 0, this.codes.buffer, from * 4, count * 4);
      copyValidity(vector, count, (i) => this.codes[from + i] === 0);
      return;
    }
    for (let i = 0; i < count; i++) {
      const text = this.texts[from + i];
      if (text !== null && text !== undefined) duckdb.vector_assign_string_element(vector, i, text);
    }
    copyValidity(vector, count, (i) => (this.texts[from + i] ?? null) === null);
  }
}
