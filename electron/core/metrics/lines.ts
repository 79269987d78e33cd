import type { Db } from '../db/database';
import { setSnapshotLineSet } from '../db/snapshotRepo';
import { deleteLineYear, selectLineSets, selectLines, selectSnapshotsUsingLineSets, upsertLines } from '../db/queries/lineQueries';
import { lineForYear } from '../../../shared/domain/povertyLines';
import type { LinesEdit } from '../../../shared/api/lines';
import type { LineValue } from '../../../shared/api/metricScope';
import { lineSetLabel } from './koujing';
import { resolveSnapshot } from './scope';
import { Refusal } from '../refusal';

/**
 * The editable line sets (national, provincial, custom, or any name the user gives): every metric
 * reads its snapshot's set through resolveScope, and derived tables are refreshed when values change.
 */
export function getLines(db: Db, lineSet: string): LineValue[] {
  const rows = selectLines(db, lineSet);
  return rows.map((r) => ({ ...r, line: lineForYear(rows, r.year) }));
}

export function listLineSets(db: Db): { name: string; label: string; years: number; snapshotIds: number[] }[] {
  const users = selectSnapshotsUsingLineSets(db);
  return selectLineSets(db).map((s) => ({
    name: s.name, label: lineSetLabel(db, s.name), years: s.years,
    snapshotIds: users.filter((u) => u.lineSet === s.name).map((u) => u.id),
  }));
}

export function setLines(db: Db, lineSet: string, edits: readonly LinesEdit[]): LineValue[] {
  for (const e of edits) {
    if (e.povertyLine === null && e.monitoringThreshold === null) {
      throw new Refusal('invalid_request', `${e.year} 年的贫困线和监测标准不能都为空（要删除该年请用删除）`);
    }
  }
  upsertLines(db, lineSet, edits);
  return getLines(db, lineSet);
}

export function removeLineYear(db: Db, lineSet: string, year: number): LineValue[] {
  deleteLineYear(db, lineSet, year);
  return getLines(db, lineSet);
}

/** Chooses the line set a snapshot's metrics use (the set must exist). */
export function useLineSet(db: Db, snapshotId: number, lineSet: string): { snapshotId: number; lineSet: string } {
  const snapshot = resolveSnapshot(db, snapshotId);
  if (selectLines(db, lineSet).length === 0) throw new Refusal('not_found', `没有名为“${lineSet}”的贫困线标准`);
  setSnapshotLineSet(db, snapshot.id, lineSet);
  return { snapshotId: snapshot.id, lineSet };
}
