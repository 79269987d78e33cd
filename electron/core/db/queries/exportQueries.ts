import type { Db } from '../database';

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

/**
 * Streams the rows of one snapshot's table, the named columns (already checked against the
 * schema by the caller) in the table's key order; BLOB columns (ID hashes) come as lower-case hex.
 */
export function streamSnapshotRows(
  db: Db, table: ExportedSourceTable, columns: readonly SourceColumn[], snapshotId: number,
  visit: (row: unknown[]) => void,
): number {
  const known = new Set(sourceColumns(db, table).map((c) => c.name));
  const list = columns.map((c) => {
    if (!known.has(c.name)) throw new Error(`表 ${table} 没有列 ${c.name}`);
    return c.declared === 'BLOB' ? `lower(hex("${c.name}"))` : `"${c.name}"`;
  });
  let n = 0;
  const statement = db.prepare(`SELECT ${list.join(', ')} FROM ${table} WHERE snapshot_id = ? ORDER BY ${ORDER[table]}`).raw();
  for (const row of statement.iterate(snapshotId) as IterableIterator<unknown[]>) {
    visit(row);
    n++;
  }
  return n;
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
