import type { Db } from '../database';

/**
 * The pairing of two snapshots' households, kept in temporary tables of the connection (they vanish
 * with it and are never written to the file):
 * - eval_match (a_id, b_id, renumbered): households of A and B that are the same household, matched
 *   on 户编号, else on the head's ID hash among the households whose 户编号 has no partner (改号);
 * - eval_only_a / eval_only_b: the households of one side without a partner (消失 / 新增).
 * A stamp names the pair the tables hold, so the drill-downs of one comparison reuse them.
 */
const built = new WeakMap<Db, string>();

export function matchStamp(a: { id: number; sourceSha256: string; importedAt: string }, b: typeof a): string {
  return `${a.id}|${a.sourceSha256}|${a.importedAt}|${b.id}|${b.sourceSha256}|${b.importedAt}`;
}

export function ensureMatch(db: Db, a: number, b: number, stamp: string): void {
  if (built.get(db) === stamp) return;
  db.exec(`
    DROP TABLE IF EXISTS temp.eval_match;
    DROP TABLE IF EXISTS temp.eval_only_a;
    DROP TABLE IF EXISTS temp.eval_only_b;
    DROP TABLE IF EXISTS temp.eval_free_a;
    DROP TABLE IF EXISTS temp.eval_free_b;
    CREATE TEMP TABLE eval_match (a_id INTEGER PRIMARY KEY, b_id INTEGER NOT NULL UNIQUE, renumbered INTEGER NOT NULL);
    CREATE TEMP TABLE eval_only_a (a_id INTEGER PRIMARY KEY);
    CREATE TEMP TABLE eval_only_b (b_id INTEGER PRIMARY KEY);
    CREATE TEMP TABLE eval_free_a (id INTEGER PRIMARY KEY, head BLOB);
    CREATE TEMP TABLE eval_free_b (id INTEGER PRIMARY KEY, head BLOB);
  `);
  db.transaction(() => {
    // Same 户编号: one probe of household's (snapshot_id, code) key per household of A.
    db.prepare(`INSERT INTO eval_match (a_id, b_id, renumbered)
      SELECT ha.id, hb.id, 0 FROM household ha JOIN household hb ON hb.snapshot_id = ? AND hb.code = ha.code
      WHERE ha.snapshot_id = ? ORDER BY ha.id`).run(b, a);
    db.prepare(`INSERT INTO eval_free_a (id, head) SELECT id, head_id_hash FROM household
      WHERE snapshot_id = ? AND id NOT IN (SELECT a_id FROM eval_match)`).run(a);
    db.prepare(`INSERT INTO eval_free_b (id, head) SELECT id, head_id_hash FROM household
      WHERE snapshot_id = ? AND id NOT IN (SELECT b_id FROM eval_match)`).run(b);
    db.exec(`CREATE INDEX temp.eval_free_a_head ON eval_free_a(head); CREATE INDEX temp.eval_free_b_head ON eval_free_b(head)`);
    // 改号: the head's ID hash appears as a head on the other side, once on each side (a hash met
    // twice cannot say which household is which, so it is left unmatched).
    db.exec(`INSERT INTO eval_match (a_id, b_id, renumbered)
      SELECT fa.id, fb.id, 1 FROM eval_free_a fa JOIN eval_free_b fb ON fb.head = fa.head
      WHERE fa.head IS NOT NULL
        AND (SELECT COUNT(*) FROM eval_free_a x WHERE x.head = fa.head) = 1
        AND (SELECT COUNT(*) FROM eval_free_b y WHERE y.head = fa.head) = 1`);
    db.exec(`INSERT INTO eval_only_a SELECT id FROM eval_free_a WHERE id NOT IN (SELECT a_id FROM eval_match)`);
    db.exec(`INSERT INTO eval_only_b SELECT id FROM eval_free_b WHERE id NOT IN (SELECT b_id FROM eval_match)`);
  })();
  built.set(db, stamp);
}

/** Forgets the pairing (a snapshot was deleted or imported: ids may be reused). */
export function dropMatch(db: Db): void {
  built.delete(db);
}
