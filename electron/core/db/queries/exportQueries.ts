import type { Db } from '../database';
import { visitRows } from './rowVisitor';

/** The tables a snapshot is exported from (the only identifiers these queries take). */
export const EXPORTED_SOURCE_TABLES = ['household', 'person', 'income', 'measure', 'event', 'area', 'village_year'] as const;
export type ExportedSourceTable = (typeof EXPORTED_SOURCE_TABLES)[number];

/** A column of a snapshot table as the schema declares it. */
export interface SourceColumn {
  readonly name: string;
  /** SQLite's declared type (INTEGER, REAL, TEXT, BLOB). */
  readonly declared: string;
}

/**
 * The columns of a snapshot table as the database has them now: the export follows the schema
 * (another migration adds or renames a column, the export carries it) instead of a second list.
 */
export function sourceColumns(db: Db, table: ExportedSourceTable): SourceColumn[] {
  if (!(EXPORTED_SOURCE_TABLES as readonly string[]).includes(table)) throw new Error(`不能导出的表：${table}`);
  return (db.prepare(`SELECT name, type FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string; type: string }[])
    .map((c) => ({ name: c.name, declared: c.type.toUpperCase() }));
}

/** Key order of each table: rows come out grouped by household, as the metrics read them. */
const ORDER: Readonly<Record<ExportedSourceTable, string>> = {
  household: 'id',
  person: 'household_id, id',
  income: 'household_id, year',
  measure: 'household_id, id',
  event: 'household_id, year, id',
  area: 'id',
  village_year: 'area_id, year',
};

/** The household key of each table, for reading it in batches of households (null: read whole). */
const HOUSEHOLD_KEY: Readonly<Record<ExportedSourceTable, string | null>> = {
  household: 'id', person: 'household_id', income: 'household_id', measure: 'household_id', event: 'household_id',
  area: null, village_year: null,
};

/** A range of household ids, [from, to). */
export interface HouseholdRange {
  readonly from: number;
  readonly to: number;
}

/** The snapshot's household ids cut into ranges of about `size` households (contiguous ids). */
export function householdRanges(db: Db, snapshotId: number, size: number): HouseholdRange[] {
  const row = db.prepare(`SELECT MIN(id) AS lo, MAX(id) AS hi FROM household WHERE snapshot_id = ?`).get(snapshotId) as
    { lo: number | null; hi: number | null };
  if (row.lo === null || row.hi === null) return [{ from: 0, to: 1 }];
  const out: HouseholdRange[] = [];
  for (let from = row.lo; from <= row.hi; from += size) out.push({ from, to: Math.min(from + size, row.hi + 1) });
  return out;
}

export function batchedByHousehold(table: ExportedSourceTable): boolean {
  return HOUSEHOLD_KEY[table] !== null;
}

/**
 * Visits the rows of one snapshot's table (in a range of households when the table has the key),
 * the named columns (checked against the schema) in the table's key order; BLOB columns (ID hashes)
 * come as lower-case hex. Each call runs one statement to its end.
 */
export function streamSnapshotRows(
  db: Db, table: ExportedSourceTable, columns: readonly SourceColumn[], snapshotId: number,
  range: HouseholdRange | null, visit: (row: unknown[]) => void,
): number {
  const known = new Set(sourceColumns(db, table).map((c) => c.name));
  const list = columns.map((c) => {
    if (!known.has(c.name)) throw new Error(`表 ${table} 没有列 ${c.name}`);
    return c.declared === 'BLOB' ? `lower(hex("${c.name}"))` : `"${c.name}"`;
  });
  const key = HOUSEHOLD_KEY[table];
  const inRange = range && key ? ` AND ${key} >= ? AND ${key} < ?` : '';
  // Unary + keeps the planner off the (snapshot_id, …) indexes: on those it would read the whole
  // snapshot and sort it for every batch, instead of seeking the batch's households by key.
  const snapshotTest = inRange ? '+snapshot_id = ?' : 'snapshot_id = ?';
  const inner = `SELECT ${list.map((e, i) => `${e} AS c${i}`).join(', ')} FROM ${table}
    WHERE ${snapshotTest}${inRange} ORDER BY ${ORDER[table]}`;
  const params = range && key ? [snapshotId, range.from, range.to] : [snapshotId];
  // Rows handed to a function per row cost a quarter of materialised result rows (rowVisitor.ts).
  return visitRows(db, { columns: list.map((_, i) => `c${i}`).join(', '), rest: `FROM (${inner})` }, params, visit);
}

/**
 * The raw texts of the code-list fields the 口径 folds before counting (返贫原因, risks, 监测对象类别,
 * 风险消除方式), trimmed as the metrics trim them; blanks left out.
 */
export function selectRawCodes(db: Db, snapshotId: number): { field: string; raw: string }[] {
  return db.prepare(
    `SELECT 'risk' AS field, v AS raw FROM (
       SELECT trim(reason) AS v FROM event WHERE snapshot_id = ? AND type = '返贫'
       UNION SELECT trim(return_cause) FROM household WHERE snapshot_id = ?
       UNION SELECT risk1 FROM household WHERE snapshot_id = ? UNION SELECT risk2 FROM household WHERE snapshot_id = ?
       UNION SELECT risk3 FROM household WHERE snapshot_id = ? UNION SELECT risk4 FROM household WHERE snapshot_id = ?
       UNION SELECT risk5 FROM household WHERE snapshot_id = ?) WHERE v IS NOT NULL AND trim(v) <> ''
     UNION SELECT 'monitoringCategory', mon_category FROM household
       WHERE snapshot_id = ? AND mon_category IS NOT NULL AND trim(mon_category) <> ''
     UNION SELECT 'eliminationMethod', elim_method FROM household
       WHERE snapshot_id = ? AND elim_method IS NOT NULL AND elim_method <> ''
     ORDER BY 1, 2`,
  ).all(...new Array(9).fill(snapshotId)) as { field: string; raw: string }[];
}

/** SQLite's page cache while an export reads (KiB): each page is read once, the OS caches the file anyway. */
const EXPORT_CACHE_KIB = 32 * 1024;

/**
 * Runs `work` with a small page cache on this connection, the size before restored after: the
 * 256 MiB the views keep for repeated scans would only fill with pages the export reads once, and
 * sit on top of DuckDB's memory in the export's peak.
 */
export async function withExportCache<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const was = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${-EXPORT_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    db.pragma(`cache_size = ${Number(was)}`);
  }
}
