import type { Db } from '../db/database';
import {
  replaceExitAttribution, selectExitEvents, selectMeasureClasses, selectStamp, type AttributionRow, type ExitEventRow,
  type MeasureClassRow,
} from '../db/queries/attributionQueries';
import { lineForYear, type LineYear } from '../../../shared/domain/povertyLines';
import type { MeasureClass } from '../../../shared/domain/measureClasses';
import { LABOUR_CAPACITY_LABELS, incomeMethod, measureClassOf, recordedMethod, structuralMethod } from './exitRules';
import type { MetricScope } from './scope';

/** Bump when the rules change, so stored attributions are recomputed. */
const RULES_VERSION = 2;

function stampOf(lines: readonly LineYear[]): string {
  return JSON.stringify({ v: RULES_VERSION, lines: lines.map((l) => [l.year, l.povertyLine, l.monitoringThreshold]) });
}

function kindOf(lineSet: string): string {
  return `exit_attribution:${lineSet}`;
}

/**
 * Makes sure the exit_attribution table holds the methods of every 脱贫 event of the snapshot
 * under the scope's line set and its current values; recomputes when the lines were edited.
 * The pivot engine joins this table (is_latest = 1) for exitMethodIncome / exitMethodStructural.
 */
export function ensureExitAttribution(scope: Pick<MetricScope, 'db' | 'snapshot' | 'lineSet' | 'lines'>): void {
  const { db, snapshot, lineSet, lines } = scope;
  const stamp = stampOf(lines);
  if (selectStamp(db, snapshot.id, kindOf(lineSet)) === stamp) return;
  const rows = attributeExits(db, snapshot.id, lines);
  replaceExitAttribution(db, snapshot.id, lineSet, rows, kindOf(lineSet), stamp);
}

/** The measures of each household as (year, class) lists sorted by year (null year first). */
function measuresByHousehold(rows: readonly MeasureClassRow[]): Map<number, { year: number | null; cls: MeasureClass | null }[]> {
  const out = new Map<number, { year: number | null; cls: MeasureClass | null }[]>();
  for (const r of rows) {
    const list = out.get(r.householdId) ?? [];
    list.push({ year: r.year, cls: measureClassOf(r.storedClass, r.name) });
    out.set(r.householdId, list);
  }
  return out;
}

function exitIncome(e: ExitEventRow): Parameters<typeof incomeMethod>[0] {
  if (e.incomeSize === null || e.net === null || e.perCapita === null) return null;
  return {
    size: e.incomeSize, net: e.net, perCapita: e.perCapita, wage: e.wage, business: e.business,
    businessCost: e.businessCost, property: e.property, transfer: e.transfer, dibao: e.dibao, tekun: e.tekun,
  };
}

/**
 * Attributes every exit event by the three methods. Measures count for the recorded method when
 * their year is at most the exit year; a measure without a year is taken as recorded before the
 * exit (the export gives no way to place it, and leaving it out would call the household 无措施记录).
 */
export function attributeExits(db: Db, snapshotId: number, lines: readonly LineYear[]): AttributionRow[] {
  const events = selectExitEvents(db, snapshotId, LABOUR_CAPACITY_LABELS);
  const measures = measuresByHousehold(selectMeasureClasses(db, snapshotId));
  const rows: AttributionRow[] = [];
  for (let k = 0; k < events.length; k++) {
    const e = events[k] as ExitEventRow;
    const prev = events[k - 1];
    const next = events[k + 1];
    const samePrev = prev !== undefined && prev.householdId === e.householdId;
    const seq = samePrev ? (rows[rows.length - 1]?.exitSeq ?? 0) + 1 : 1;
    const line = lineForYear(lines, e.year);
    const classes = new Set<MeasureClass | null>();
    for (const m of measures.get(e.householdId) ?? []) if (m.year === null || m.year <= e.year) classes.add(m.cls);
    rows.push({
      eventId: e.eventId,
      householdId: e.householdId,
      year: e.year,
      exitSeq: seq,
      prevExitYear: prev && samePrev ? prev.year : null,
      isLatest: !next || next.householdId !== e.householdId,
      firstInYear: !(prev && samePrev && prev.year === e.year),
      persons: e.persons,
      perCapita: e.perCapita,
      line,
      incomeMethod: incomeMethod(exitIncome(e), line),
      structuralMethod: structuralMethod(e.attribute, e.hasLabour === 1),
      recordedMethod: recordedMethod(classes),
    });
  }
  return rows;
}
