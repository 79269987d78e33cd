import type { Db } from '../database';

/** One 脱贫 event with what the three attribution methods need. Amounts: blanks as 0; no row → null size. */
export interface ExitEventRow {
  readonly eventId: number;
  readonly householdId: number;
  readonly year: number;
  readonly persons: number;
  readonly attribute: string | null;
  readonly hasLabour: number;
  readonly incomeSize: number | null;
  readonly net: number | null;
  readonly perCapita: number | null;
  readonly wage: number;
  readonly business: number;
  readonly businessCost: number;
  readonly property: number;
  readonly transfer: number;
  readonly dibao: number;
  readonly tekun: number;
}

export function selectExitEvents(db: Db, snapshotId: number, labourLabels: readonly string[]): ExitEventRow[] {
  return db.prepare(
    `SELECT e.id AS eventId, e.household_id AS householdId, e.year AS year, h.size AS persons, h.attribute AS attribute,
       EXISTS (SELECT 1 FROM person p WHERE p.household_id = e.household_id
               AND p.labour IN (${labourLabels.map(() => '?').join(', ')})) AS hasLabour,
       i.size AS incomeSize, i.net AS net, i.per_capita AS perCapita,
       coalesce(i.wage, 0) AS wage, coalesce(i.business, 0) AS business, coalesce(i.business_cost, 0) AS businessCost,
       coalesce(i.property, 0) AS property, coalesce(i.transfer, 0) AS transfer,
       coalesce(i.dibao, 0) AS dibao, coalesce(i.tekun, 0) AS tekun
     FROM event e
     JOIN household h ON h.id = e.household_id
     LEFT JOIN income i ON i.household_id = e.household_id AND i.year = e.year
     WHERE e.snapshot_id = ? AND e.type = '脱贫'
     ORDER BY e.household_id, e.year, e.id`,
  ).all(...labourLabels, snapshotId) as ExitEventRow[];
}

export interface MeasureClassRow {
  readonly householdId: number;
  readonly year: number | null;
  readonly storedClass: string | null;
  readonly name: string;
}

/** Distinct (household, year, class, name) of the snapshot's measures, by household and year. */
export function selectMeasureClasses(db: Db, snapshotId: number): MeasureClassRow[] {
  return db.prepare(
    `SELECT DISTINCT household_id AS householdId, year, class AS storedClass, name
     FROM measure WHERE snapshot_id = ? ORDER BY household_id, year`,
  ).all(snapshotId) as MeasureClassRow[];
}

export interface AttributionRow {
  readonly eventId: number;
  readonly householdId: number;
  readonly year: number;
  readonly exitSeq: number;
  readonly prevExitYear: number | null;
  readonly isLatest: boolean;
  /** 1 for the household's first exit event in that year (distinct households per year). */
  readonly firstInYear: boolean;
  readonly persons: number;
  readonly perCapita: number | null;
  readonly line: number | null;
  readonly incomeMethod: string;
  readonly structuralMethod: string;
  readonly recordedMethod: string;
}

export function selectStamp(db: Db, snapshotId: number, kind: string): string | null {
  const row = db.prepare(`SELECT stamp FROM derived_stamp WHERE snapshot_id = ? AND kind = ?`).get(snapshotId, kind) as
    { stamp: string } | undefined;
  return row?.stamp ?? null;
}

/** Replaces the attribution of one snapshot under one line set, and records what it was computed from. */
export function replaceExitAttribution(
  db: Db, snapshotId: number, lineSet: string, rows: readonly AttributionRow[], kind: string, stamp: string,
): void {
  const insert = db.prepare(
    `INSERT INTO exit_attribution(snapshot_id, line_set, event_id, household_id, year, exit_seq, prev_exit_year, is_latest,
       first_in_year, persons, per_capita, line, income_method, structural_method, recorded_method)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  db.transaction(() => {
    db.prepare(`DELETE FROM exit_attribution WHERE snapshot_id = ? AND line_set = ?`).run(snapshotId, lineSet);
    for (const r of rows) {
      insert.run(snapshotId, lineSet, r.eventId, r.householdId, r.year, r.exitSeq, r.prevExitYear, r.isLatest ? 1 : 0,
        r.firstInYear ? 1 : 0, r.persons, r.perCapita, r.line, r.incomeMethod, r.structuralMethod, r.recordedMethod);
    }
    db.prepare(
      `INSERT INTO derived_stamp(snapshot_id, kind, stamp) VALUES (?, ?, ?)
       ON CONFLICT(snapshot_id, kind) DO UPDATE SET stamp = excluded.stamp`,
    ).run(snapshotId, kind, stamp);
  })();
}
