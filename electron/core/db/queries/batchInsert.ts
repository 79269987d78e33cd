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
