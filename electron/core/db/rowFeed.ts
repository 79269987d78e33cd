import type { Db } from './database';

/** What a row visitor answers: true ends the scan (the rest of the rows are not read). */
export type RowVisit = (row: readonly unknown[]) => boolean | void;

/** Thrown out of the SQLite function to end the scan; caught below and nowhere else. */
const STOP = Symbol('rowFeed.stop');

/**
 * Hands the rows of a query to `visit` as the arguments of the user function `fn`, which SQLite
 * calls once per row: about a third of the cost of reading them as result rows. `sql` must call
 * `fn` on every row, in an aggregate so that one result comes back (`SELECT SUM(fn(a, b)) FROM …`).
 * A visitor that returns true ends the scan at once (a median found, every group settled): the
 * only way to stop SQLite from inside a function is to throw, and this is the one place that does.
 * Returns true when the visitor ended the scan, false when every row was visited.
 */
export function feedRows(db: Db, fn: string, sql: string, params: readonly unknown[], visit: RowVisit): boolean {
  db.function(fn, { varargs: true, deterministic: false }, (...row: unknown[]) => {
    if (visit(row) === true) throw STOP;
    return 0;
  });
  try {
    db.prepare(sql).raw().get(...params);
    return false;
  } catch (err) {
    if (err === STOP) return true;
    throw err;
  }
}
