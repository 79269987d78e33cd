import type { Db } from '../db/database';
import { getSnapshot, latestSnapshotId, setSnapshotLineSet } from '../db/snapshotRepo';
import { selectIncomeYears } from '../db/queries/incomeQueries';
import { selectSnapshotsUsingLineSets } from '../db/queries/lineQueries';
import {
  deleteLineSet, insertLineSet, replaceStandardYears, selectLineSetInfos, selectStandardYears,
} from '../db/queries/standardQueries';
import { lineForYear } from '../../../shared/domain/povertyLines';
import type { SaveStandardResult, StandardSet, StandardYear, StandardsOverview } from '../../../shared/api/standards';
import { decreaseMessage, lineDecreases } from './lineDecreases';
import { Refusal } from '../refusal';

/**
 * The line sets as 标准设置 shows and edits them. Reading "the line of year Y in set S" stays in
 * metrics/lines.ts (every metric, the report and the CLI read it there); this module only writes.
 */
export function standardSets(db: Db): StandardSet[] {
  const users = selectSnapshotsUsingLineSets(db);
  return selectLineSetInfos(db).map((info) => ({
    ...info,
    years: selectStandardYears(db, info.name),
    snapshotIds: users.filter((u) => u.lineSet === info.name).map((u) => u.id),
  }));
}

export function standardSet(db: Db, name: string): StandardSet {
  const set = standardSets(db).find((s) => s.name === name);
  if (!set) throw new Refusal('not_found', `没有名为“${name}”的标准`);
  return set;
}

/** Years whose figures compare an income against a line: the snapshot's income years. */
export function neededYears(db: Db, snapshotId: number): number[] {
  return selectIncomeYears(db, snapshotId);
}

export function standardsOverview(db: Db, snapshotId?: number): StandardsOverview {
  const id = snapshotId ?? latestSnapshotId(db);
  const snapshot = id === null ? null : getSnapshot(db, id);
  if (snapshotId !== undefined && !snapshot) throw new Refusal('not_found', `没有找到快照 #${snapshotId}`);
  const sets = standardSets(db);
  const needed = snapshot ? neededYears(db, snapshot.id) : [];
  const missingYears: Record<string, number[]> = {};
  for (const s of sets) missingYears[s.name] = needed.filter((y) => lineForYear(s.years, y) === null);
  return {
    sets, snapshotId: snapshot?.id ?? null, inUse: snapshot?.lineSet ?? null, neededYears: needed, missingYears,
  };
}

export interface SaveStandard {
  readonly name: string;
  readonly label?: string | undefined;
  readonly region?: string | null | undefined;
  readonly years: readonly StandardYear[];
  readonly confirmDecrease: boolean;
}

/**
 * Saves a set's years as given. Refused: a year twice, a year with neither value. A line that goes
 * down from one year to the next is saved only when confirmed (the answer lists the years).
 */
export function saveStandard(db: Db, request: SaveStandard): Exclude<SaveStandardResult, { status: 'saved' }> | { status: 'saved'; set: StandardSet } {
  const seen = new Set<number>();
  for (const y of request.years) {
    if (seen.has(y.year)) throw new Refusal('invalid_request', `${y.year} 年填了两次：每个年度只能有一行`);
    seen.add(y.year);
    if (y.povertyLine === null && y.monitoringThreshold === null) {
      throw new Refusal('invalid_request', `${y.year} 年的贫困线和监测标准都为空：请填写其一，或删除这一年`);
    }
  }
  if (!selectLineSetInfos(db).some((s) => s.name === request.name)) {
    throw new Refusal('not_found', `没有名为“${request.name}”的标准：请先新建`);
  }
  const decreases = lineDecreases(request.years);
  if (decreases.length > 0 && !request.confirmDecrease) {
    return { status: 'needsConfirmation', message: decreaseMessage(decreases), decreases };
  }
  const years = request.years.map((y) => ({ ...y, source: y.source?.trim() ? y.source.trim() : null }));
  replaceStandardYears(db, request.name, { label: request.label, region: request.region }, years);
  return { status: 'saved', set: standardSet(db, request.name) };
}

/** A new set, named by the user, starting from another set's years. */
export function createStandard(
  db: Db, request: { label: string; region?: string | null | undefined; copyFrom: string },
): StandardSet {
  const sets = selectLineSetInfos(db);
  if (sets.some((s) => s.label === request.label)) throw new Refusal('invalid_request', `已有名为“${request.label}”的标准`);
  const from = standardSet(db, request.copyFrom);
  let n = 1;
  while (sets.some((s) => s.name === `set-${n}`)) n += 1;
  const name = `set-${n}`;
  db.transaction(() => {
    insertLineSet(db, { name, label: request.label, region: request.region ?? null });
    replaceStandardYears(db, name, {}, from.years);
  })();
  return standardSet(db, name);
}

export function deleteStandard(db: Db, name: string): { deleted: string } {
  const set = standardSet(db, name);
  if (set.builtin) throw new Refusal('invalid_request', `“${set.label}”是工作站自带的标准，不能删除（可以修改其数值）`);
  if (set.snapshotIds.length > 0) {
    throw new Refusal('invalid_request', `“${set.label}”正被快照 #${set.snapshotIds.join('、#')} 使用：请先为这些快照选择其他标准`);
  }
  deleteLineSet(db, name);
  return { deleted: name };
}

/** Chooses the set a snapshot's figures use. */
export function useStandard(db: Db, snapshotId: number, name: string): void {
  const snapshot = getSnapshot(db, snapshotId);
  if (!snapshot) throw new Refusal('not_found', `没有找到快照 #${snapshotId}`);
  const set = standardSet(db, name);
  if (set.years.length === 0) throw new Refusal('invalid_request', `“${set.label}”还没有任何年度的数值`);
  setSnapshotLineSet(db, snapshotId, name);
}
