import type { Db } from '../../db/database';
import { findDimension } from '../../../../shared/semantic/catalogue';
import { AGE_GROUP_LABELS } from '../../../../shared/semantic/ageGroups';
import type { CodeMaps } from './codeFunctions';
import { ageGroupSql, codeSql, joinSql } from './codeSql';
import { entriesFromLabels, orderedLabels, saveDictionary } from './dictionary';
import { HOUSEHOLD_DIM_COLUMNS } from './factColumns';

/** Coded member attributes: dimension key and person column. */
const CODED = [
  { key: 'sex', column: 'sex' },
  { key: 'health', column: 'health' },
  { key: 'labour', column: 'labour' },
  { key: 'workStatus', column: 'work_status' },
] as const;

/** Writes the dictionaries of the member dimensions (and registers their codes for the inserts). */
export function buildPersonDictionaries(db: Db, snapshotId: number, codes: CodeMaps): void {
  const present = CODED.map(() => new Set<string>());
  const [lo, hi] = personIdSpan(db, snapshotId);
  // By rowid over the snapshot's id range: through the snapshot_id index the rows come in another order.
  const distinct = db.prepare(
    `SELECT DISTINCT ${CODED.map((c) => c.column).join(', ')} FROM person WHERE id BETWEEN ? AND ? AND +snapshot_id = ?`,
  ).raw();
  for (const row of distinct.iterate(lo ?? 0, hi ?? -1, snapshotId) as IterableIterator<(string | null)[]>) {
    CODED.forEach((_, i) => {
      const v = row[i];
      if (v !== null && v !== undefined) present[i]?.add(v);
    });
  }
  CODED.forEach((c, i) => {
    const d = findDimension(c.key);
    if (!d) throw new Error(`catalogue lacks ${c.key}`);
    const labels = orderedLabels(d, present[i] ?? []);
    saveDictionary(db, snapshotId, d.key, entriesFromLabels(labels));
    codes.set(d.key, labels);
  });
  saveDictionary(db, snapshotId, 'ageGroup', entriesFromLabels(AGE_GROUP_LABELS));
}

/** The lowest and highest member id of a snapshot (its members are written together: one range). */
function personIdSpan(db: Db, snapshotId: number): [number | null, number | null] {
  return db.prepare(`SELECT MIN(id), MAX(id) FROM person WHERE snapshot_id = ?`).raw().get(snapshotId) as [number | null, number | null];
}

/** Member id ranges of about `size` ids each, so that the rows are written a part at a time. */
export function personIdRanges(db: Db, snapshotId: number, size: number): [number, number][] {
  const [lo, hi] = personIdSpan(db, snapshotId);
  if (lo === null || hi === null) return [];
  const out: [number, number][] = [];
  for (let from = lo; from <= hi; from += size) out.push([from, Math.min(hi, from + size - 1)]);
  return out;
}

/**
 * Writes pivot_person for the members with ids in [from, to]: one row per member with its own
 * attributes (age group in full years on the snapshot's as-of date, shared/semantic/ageGroups.ts)
 * and its household's dimension codes from pivot_household, which must be written first. The
 * members are read by rowid over the range, in id order (the unary + keeps the planner off the
 * snapshot_id index, which would read the whole snapshot's index for each range and sort); the
 * codes are the build's own (buildPersonDictionaries set them), as for the households.
 */
export function buildPersonFacts(
  db: Db, snapshotId: number, asOf: string, range: readonly [number, number], codes: CodeMaps,
): number {
  const coded = joinSql([
    ...CODED.map((c) => codeSql(c.key, `p.${c.column}`, codes.labels(c.key))),
    ageGroupSql('p.birth_date', asOf),
  ]);
  return db.prepare(
    `INSERT INTO pivot_person(snapshot_id, person_id, household_id, ${CODED.map((c) => c.column).join(', ')}, age_group,
       ${HOUSEHOLD_DIM_COLUMNS.join(', ')}, members)
     SELECT p.snapshot_id, p.id, p.household_id, ${coded.sql}, ${HOUSEHOLD_DIM_COLUMNS.map((c) => `h.${c}`).join(', ')}, 1
     FROM person p JOIN pivot_household h ON h.snapshot_id = p.snapshot_id AND h.household_id = p.household_id
     WHERE p.id BETWEEN ? AND ? AND +p.snapshot_id = ? ORDER BY p.id`,
  ).run(...coded.params, range[0], range[1], snapshotId).changes;
}
