import type { Db } from '../db/database';
import {
  replaceExitAttribution, replaceIncomeRisk, selectExitEvents, selectMeasures, selectStamp, type AttributionRow,
  type ExitEventTuple,
  type RiskLimit,
} from '../db/queries/attributionQueries';
import { lineForYear, type LineYear } from '../../../shared/domain/povertyLines';
import type { MeasureClass } from '../../../shared/domain/measureClasses';
import { LABOUR_CAPACITY_LABELS, incomeMethod, measureClassOf, recordedMethod, structuralMethod, type ExitIncome } from './exitRules';
import type { MetricScope } from './scope';

/** Bump when the rules change, so stored attributions are recomputed. */
const RULES_VERSION = 3;

function stampOf(lines: readonly LineYear[]): string {
  return JSON.stringify({ v: RULES_VERSION, lines: lines.map((l) => [l.year, l.povertyLine, l.monitoringThreshold]) });
}

function kindOf(lineSet: string): string {
  return `exit_attribution:${lineSet}`;
}

/** The stamp the stored attribution of a line set was computed with (the pivot engine keys its facts on it). */
export function exitAttributionKind(lineSet: string): string {
  return kindOf(lineSet);
}

/**
 * Makes sure exit_attribution holds the methods of every 脱贫 event of the snapshot under the
 * scope's line set and its current values; recomputes when the lines were edited. The pivot engine
 * joins exit_attribution (is_latest = 1) for exitMethodIncome / exitMethodStructural.
 */
export function ensureExitAttribution(scope: Pick<MetricScope, 'db' | 'snapshot' | 'lineSet' | 'lines'>): void {
  const { db, snapshot, lineSet, lines } = scope;
  const stamp = stampOf(lines);
  if (selectStamp(db, snapshot.id, kindOf(lineSet)) === stamp) return;
  const rows = attributeExits(db, snapshot.id, lines);
  replaceExitAttribution(db, snapshot.id, lineSet, rows, kindOf(lineSet), stamp);
}

/**
 * Makes sure income_risk holds, under the scope's line set, the income rows of exited households
 * in later years below the year's limit (derived from exit_attribution, so it follows its stamp).
 * Only the returns view needs it; the standard set never pays for it.
 */
export function ensureIncomeRisk(scope: Pick<MetricScope, 'db' | 'snapshot' | 'lineSet' | 'lines'>): void {
  ensureExitAttribution(scope);
  const { db, snapshot, lineSet, lines } = scope;
  const stamp = stampOf(lines);
  const kind = `income_risk:${lineSet}`;
  if (selectStamp(db, snapshot.id, kind) === stamp) return;
  replaceIncomeRisk(db, snapshot.id, lineSet, riskLimits(lines), kind, stamp);
}

/**
 * Income risk (metrics.md): below L(Y) or below the monitoring threshold, i.e. below the higher of
 * the two that the line set gives for Y; a year with neither is not judged.
 */
export function riskLimits(lines: readonly LineYear[]): RiskLimit[] {
  const out: RiskLimit[] = [];
  for (const l of lines) {
    const line = lineForYear(lines, l.year);
    const candidates = [line, l.monitoringThreshold].filter((v): v is number => v !== null);
    if (candidates.length) out.push({
      year: l.year, line, threshold: l.monitoringThreshold, limit: Math.max(...candidates),
    });
  }
  return out;
}

/** The measures of each household as (year, class) pairs; class lookups cached by label. */
function measuresByHousehold(db: Db, snapshotId: number): Map<number, {
  year: number | null; cls: MeasureClass | null;
}[]> {
  const out = new Map<number, { year: number | null; cls: MeasureClass | null }[]>();
  const classes = new Map<string, MeasureClass | null>();
  selectMeasures(db, snapshotId, ([householdId, year, storedClass, name]) => {
    const label = `${storedClass ?? ''}\u0000${name}`;
    let cls = classes.get(label);
    if (cls === undefined) {
      cls = measureClassOf(storedClass, name);
      classes.set(label, cls);
    }
    let list = out.get(householdId);
    if (!list) {
      list = [];
      out.set(householdId, list);
    }
    list.push({ year, cls });
  });
  return out;
}

function exitIncome(e: ExitEventTuple): ExitIncome | null {
  const [, , , , , , size, net, perCapita, wage, business, businessCost, property, transfer, dibao, tekun] = e;
  if (size === null || net === null || perCapita === null) return null;
  return { size, net, perCapita, wage, business, businessCost, property, transfer, dibao, tekun };
}

/**
 * Attributes every exit event by the three methods. Measures count for the recorded method when
 * their year is at most the exit year; a measure without a year is taken as recorded before the
 * exit (the export gives no way to place it, and leaving it out would call the household 无措施记录).
 */
export function attributeExits(db: Db, snapshotId: number, lines: readonly LineYear[]): AttributionRow[] {
  const events = selectExitEvents(db, snapshotId, LABOUR_CAPACITY_LABELS);
  const measures = measuresByHousehold(db, snapshotId);
  const rows: AttributionRow[] = [];
  for (let k = 0; k < events.length; k++) {
    const e = events[k] as ExitEventTuple;
    const [eventId, householdId, year, persons, attribute, hasLabour, , , perCapita] = e;
    const prev = events[k - 1];
    const next = events[k + 1];
    const samePrev = prev !== undefined && prev[1] === householdId ? prev : null;
    const line = lineForYear(lines, year);
    const classes = new Set<MeasureClass | null>();
    for (const m of measures.get(householdId) ?? []) if (m.year === null || m.year <= year) classes.add(m.cls);
    rows.push({
      eventId,
      householdId,
      year,
      exitSeq: samePrev ? (rows[rows.length - 1]?.exitSeq ?? 0) + 1 : 1,
      prevExitYear: samePrev ? samePrev[2] : null,
      isLatest: next === undefined || next[1] !== householdId,
      firstInYear: !(samePrev && samePrev[2] === year),
      persons,
      perCapita,
      line,
      incomeMethod: incomeMethod(exitIncome(e), line),
      structuralMethod: structuralMethod(attribute, hasLabour === 1),
      recordedMethod: recordedMethod(classes),
    });
  }
  return rows;
}
