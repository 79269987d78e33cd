import type { Statement } from 'better-sqlite3';
import type { Db } from '../database';

const BATCH = 100;

/**
 * Inserts many rows with multi-row VALUES statements (100 rows a statement): the derived tables
 * hold hundreds of thousands of rows, and one statement per row costs three times as much. `into`
 * is a fixed `INSERT INTO table(columns)` text from this folder, never user input.
 */
export function insertRows(db: Db, into: string, width: number, rows: readonly (readonly unknown[])[]): void {
  const tuple = `(${new Array(width).fill('?').join(', ')})`;
  const statements = new Map<number, Statement<unknown[]>>();
  const statementFor = (n: number): Statement<unknown[]> => {
    let s = statements.get(n);
    if (!s) {
      s = db.prepare(`${into} VALUES ${new Array(n).fill(tuple).join(', ')}`);
      statements.set(n, s);
    }
    return s;
  };
  for (let k = 0; k < rows.length; k += BATCH) {
    const chunk = rows.slice(k, k + BATCH);
    const params: unknown[] = [];
    for (const r of chunk) {
      if (r.length !== width) throw new Error(`insertRows: ${width} columns expected, got ${r.length}`);
      params.push(...r);
    }
    statementFor(chunk.length).run(...params);
  }
}

/**
 * The same multi-row statements fed one row at a time into one reused parameter array, for writers
 * of many narrow rows (the pivot cubes: up to 600,000 rows) that would otherwise make an array per
 * row. `slot()` gives the offset of the next row's `width` values in `params`; `end()` writes what
 * is left. `into` and `tuple` are fixed texts of the caller (a tuple may hold literals besides `?`).
 * 64 rows a statement: the cube writers measured it as the best of 16–256.
 */
export class RowBatch {
  readonly params: (number | string | null)[];
  private readonly statements = new Map<number, Statement<unknown[]>>();
  private filled = 0;

  constructor(
    private readonly db: Db, private readonly into: string, private readonly tuple: string, readonly width: number,
    private readonly rows = 64,
  ) {
    this.params = new Array<number | string | null>(width * rows).fill(0);
  }

  /** The offset in `params` of the next row (the batch is written first when it is full). */
  slot(): number {
    if (this.filled === this.rows) {
      this.statementFor(this.rows).run(this.params);
      this.filled = 0;
    }
    return this.width * this.filled++;
  }

  end(): void {
    if (this.filled > 0) this.statementFor(this.filled).run(this.params.slice(0, this.filled * this.width));
    this.filled = 0;
  }

  private statementFor(n: number): Statement<unknown[]> {
    let s = this.statements.get(n);
    if (!s) {
      s = this.db.prepare(`${this.into} VALUES ${new Array(n).fill(this.tuple).join(', ')}`);
      this.statements.set(n, s);
    }
    return s;
  }
}
