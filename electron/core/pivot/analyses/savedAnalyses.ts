import { PivotSpec, type SavedAnalysis } from '../../../../shared/api/pivot';
import type { Db } from '../../db/database';
import { BUILTIN_ANALYSES } from './builtinAnalyses';
import { Refusal } from '../../refusal';

interface SavedSqlRow {
  id: number; name: string; spec_json: string; snapshot_id: number | null; line_set: string | null;
  builtin: number; created_at: string; updated_at: string;
}

function toAnalysis(r: SavedSqlRow): SavedAnalysis | null {
  let json: unknown;
  try {
    json = JSON.parse(r.spec_json);
  } catch {
    return null;
  }
  const spec = PivotSpec.safeParse(json);
  if (!spec.success) return null;
  return {
    id: r.id, name: r.name, spec: spec.data, snapshotId: r.snapshot_id, lineSet: r.line_set, builtin: r.builtin === 1,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** Writes the built-in analyses the first time the list is read (never again once there). */
function seedBuiltins(db: Db): void {
  const has = db.prepare(`SELECT 1 FROM saved_analysis WHERE builtin = 1 LIMIT 1`).get();
  if (has) return;
  const now = new Date().toISOString();
  const insert = db.prepare(
    `INSERT INTO saved_analysis(name, spec_json, snapshot_id, line_set, builtin, created_at, updated_at) VALUES (?, ?, NULL, NULL, 1, ?, ?)`,
  );
  db.transaction(() => {
    for (const a of BUILTIN_ANALYSES) insert.run(a.name, JSON.stringify(PivotSpec.parse(a.spec)), now, now);
  })();
}

function byId(db: Db, id: number): SavedSqlRow {
  const row = db.prepare(`SELECT * FROM saved_analysis WHERE id = ?`).get(id) as SavedSqlRow | undefined;
  if (!row) throw new Refusal('not_found', `没有找到已保存的分析 #${id}`);
  return row;
}

function checked(row: SavedSqlRow): SavedAnalysis {
  const a = toAnalysis(row);
  if (!a) throw new Refusal('refused', `已保存的分析“${row.name}”的设置无法读取`);
  return a;
}

/** Built-ins first, then the user's own, newest first; an unreadable saved spec is left out. */
export function listAnalyses(db: Db): SavedAnalysis[] {
  seedBuiltins(db);
  const rows = db.prepare(`SELECT * FROM saved_analysis ORDER BY builtin DESC, CASE WHEN builtin = 1 THEN id END, updated_at DESC, id DESC`).all() as SavedSqlRow[];
  return rows.map(toAnalysis).filter((a): a is SavedAnalysis => a !== null);
}

export interface SaveAnalysis {
  readonly id?: number;
  readonly name: string;
  readonly spec: PivotSpec;
  readonly snapshotId?: number | null;
  readonly lineSet?: string | null;
}

/** Saves a pivot (spec + snapshot + line set) under a name; with an id, overwrites that saved analysis. */
export function saveAnalysis(db: Db, a: SaveAnalysis): SavedAnalysis {
  const now = new Date().toISOString();
  const name = a.name.trim();
  if (a.snapshotId !== undefined && a.snapshotId !== null && !db.prepare(`SELECT 1 FROM snapshot WHERE id = ?`).get(a.snapshotId)) {
    throw new Refusal('not_found', `没有找到快照 #${a.snapshotId}`);
  }
  if (a.id !== undefined) {
    const row = byId(db, a.id);
    if (row.builtin === 1) throw new Refusal('refused', '内置分析不能修改：请另存为新的分析');
    db.prepare(`UPDATE saved_analysis SET name = ?, spec_json = ?, snapshot_id = ?, line_set = ?, updated_at = ? WHERE id = ?`)
      .run(name, JSON.stringify(a.spec), a.snapshotId ?? null, a.lineSet ?? null, now, a.id);
    return checked(byId(db, a.id));
  }
  const id = Number(db.prepare(
    `INSERT INTO saved_analysis(name, spec_json, snapshot_id, line_set, builtin, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)`,
  ).run(name, JSON.stringify(a.spec), a.snapshotId ?? null, a.lineSet ?? null, now, now).lastInsertRowid);
  return checked(byId(db, id));
}

export function renameAnalysis(db: Db, id: number, name: string): SavedAnalysis {
  const row = byId(db, id);
  if (row.builtin === 1) throw new Refusal('refused', '内置分析不能改名：请另存为新的分析');
  db.prepare(`UPDATE saved_analysis SET name = ?, updated_at = ? WHERE id = ?`).run(name.trim(), new Date().toISOString(), id);
  return checked(byId(db, id));
}

export function deleteAnalysis(db: Db, id: number): boolean {
  const row = db.prepare(`SELECT builtin FROM saved_analysis WHERE id = ?`).get(id) as { builtin: number } | undefined;
  if (!row) return false;
  if (row.builtin === 1) throw new Refusal('refused', '内置分析不能删除');
  return db.prepare(`DELETE FROM saved_analysis WHERE id = ?`).run(id).changes > 0;
}
