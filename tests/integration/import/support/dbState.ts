import type { Db } from '../../../../electron/core/db/database';

const TABLES = ['snapshot', 'import_issue', 'area', 'village_year', 'household', 'person', 'income', 'measure', 'event'] as const;

/**
 * Row counts of every snapshot table, the snapshot list, the schema (a bulk write sets the row
 * tables' indexes aside and builds them again) and the connection's foreign-key switch and page cache: equal
 * before and after = unchanged.
 */
export function dbState(db: Db): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of TABLES) out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  out.snapshots = db.prepare('SELECT id, county_name, as_of, households, persons, income_rows FROM snapshot ORDER BY id').all();
  out.schema = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`).all();
  out.foreignKeys = db.pragma('foreign_keys', { simple: true });
  out.cacheSize = db.pragma('cache_size', { simple: true });
  return out;
}
