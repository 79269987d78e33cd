import type { Db } from '../../db/database';
import { findDimension } from '../../../../shared/semantic/catalogue';
import type { DimensionDef } from '../../../../shared/semantic/types';
import { villageKey, type CodeMaps } from './codeFunctions';
import { codeSql, joinSql, type BoundSql } from './codeSql';
import { compareNames, entriesFromLabels, orderedLabels, saveDictionary, type DictEntry } from './dictionary';
import { HOUSEHOLD_DIM_COLUMNS, type HouseholdDimColumn } from './factColumns';

/**
 * How each household dimension column is filled from household (h) and the household's latest exit
 * attribution (e): a coded text, a coded yes/no flag, or a year copied as a number.
 */
const SOURCES: Readonly<Record<HouseholdDimColumn, { readonly dimension: string; readonly sql: string; readonly kind: 'text' | 'flag' | 'year' }>> = {
  county: { dimension: 'county', sql: 'h.county', kind: 'text' },
  township: { dimension: 'township', sql: 'h.township', kind: 'text' },
  village: { dimension: 'village', sql: `h.township || char(1) || h.village`, kind: 'text' },
  poor_village: { dimension: 'poorVillage', sql: 'h.poor_village', kind: 'flag' },
  household_type: { dimension: 'householdType', sql: 'h.type', kind: 'text' },
  attribute: { dimension: 'householdAttribute', sql: 'h.attribute', kind: 'text' },
  main_cause: { dimension: 'mainCause', sql: 'h.main_cause', kind: 'text' },
  status: { dimension: 'status', sql: 'h.status', kind: 'text' },
  identified_year: { dimension: 'identifiedYear', sql: 'h.identified_year', kind: 'year' },
  exit_year: { dimension: 'exitYear', sql: 'h.exit_year', kind: 'year' },
  return_year: { dimension: 'returnYear', sql: 'h.return_year', kind: 'year' },
  return_cause: { dimension: 'returnCause', sql: 'h.return_cause', kind: 'text' },
  exit_income: { dimension: 'exitMethodIncome', sql: 'e.income_method', kind: 'text' },
  exit_structural: { dimension: 'exitMethodStructural', sql: 'e.structural_method', kind: 'text' },
  relocated: { dimension: 'relocated', sql: 'h.relocated', kind: 'flag' },
  mon_category: { dimension: 'monitoringCategory', sql: 'h.mon_category', kind: 'text' },
  main_risk: { dimension: 'mainRisk', sql: 'h.risk1', kind: 'text' },
  risk_eliminated: { dimension: 'riskEliminated', sql: 'h.risk_eliminated', kind: 'flag' },
};

/**
 * The snapshot's households with their latest exit. Parameters: line set, first id, last id,
 * snapshot. A snapshot's households are written together, so their ids are one range: read by
 * rowid in id order (the unary + keeps the planner off the snapshot_id indexes, which would read
 * the rows in another order and sort them back).
 */
const FROM = `FROM household h
  LEFT JOIN exit_attribution e ON e.household_id = h.id AND e.line_set = ? AND e.is_latest = 1 AND e.snapshot_id = h.snapshot_id
  WHERE h.id BETWEEN ? AND ? AND +h.snapshot_id = ?`;

/** The parameters of FROM for a snapshot: its households' id range, found by its index. */
function fromParams(db: Db, snapshotId: number, lineSet: string): (string | number)[] {
  const [lo, hi] = db.prepare(`SELECT MIN(id), MAX(id) FROM household WHERE snapshot_id = ?`).raw().get(snapshotId) as
    [number | null, number | null];
  return [lineSet, lo ?? 0, hi ?? -1, snapshotId];
}

function dimension(key: string): DimensionDef {
  const d = findDimension(key);
  if (!d) throw new Error(`catalogue lacks ${key}`);
  return d;
}

function flagSql(sql: string): string {
  return `CASE WHEN ${sql} IS NULL THEN NULL WHEN ${sql} THEN '是' ELSE '否' END`;
}

/** A coded column's text: the source's, or 是/否 for a flag. */
function textSql(column: HouseholdDimColumn): string {
  const s = SOURCES[column];
  return s.kind === 'flag' ? flagSql(s.sql) : s.sql;
}

/** Columns coded by a dictionary of the values present (the areas' are made from the area table). */
const PRESENT_CODED = HOUSEHOLD_DIM_COLUMNS.filter((c) => SOURCES[c].kind !== 'year' && c !== 'township' && c !== 'village');

/** Distinct values of the coded columns, read in one pass. */
function presentValues(db: Db, params: readonly (string | number)[]): Map<HouseholdDimColumn, Set<string>> {
  const coded = PRESENT_CODED;
  const out = new Map(coded.map((c) => [c, new Set<string>()]));
  const select = coded.map(textSql).join(', ');
  for (const row of db.prepare(`SELECT DISTINCT ${select} ${FROM}`).raw().iterate(...params) as IterableIterator<(string | null)[]>) {
    coded.forEach((c, i) => {
      const v = row[i];
      if (v !== null && v !== undefined) out.get(c)?.add(v);
    });
  }
  return out;
}

/**
 * Townships and villages in 统计用区划代码 order (a township without its own code takes its first
 * village's), then by name. A village name used in two townships is labelled 乡镇·村 so that the
 * output never shows two rows that read the same.
 */
function areaEntries(db: Db, snapshotId: number): {
  townships: DictEntry[]; villages: DictEntry[]; villageKeys: string[];
} {
  const areaCodes = new Map<string, string>();
  for (const a of db.prepare(`SELECT level, township, name, code FROM area WHERE snapshot_id = ? AND code IS NOT NULL`).all(snapshotId) as
    { level: string; township: string; name: string; code: string }[]) {
    areaCodes.set(a.level === 'township' ? a.township : villageKey(a.township, a.name), a.code);
  }
  const villages = (db.prepare(
    `SELECT township, village, MIN(area_code) AS code FROM household WHERE snapshot_id = ? GROUP BY township, village`,
  ).all(snapshotId) as { township: string; village: string; code: string | null }[])
    .map((v) => ({ ...v, code: areaCodes.get(villageKey(v.township, v.village)) ?? v.code }));
  const townshipCode = new Map<string, string | null>();
  for (const v of villages) {
    const candidate = areaCodes.get(v.township) ?? v.code;
    const current = townshipCode.get(v.township) ?? null;
    townshipCode.set(v.township, current === null || (candidate !== null && candidate < current) ? candidate : current);
  }
  const byCode = (a: string | null, b: string | null): number =>
    (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  const townships = [...townshipCode.keys()].sort((a, b) =>
    byCode(townshipCode.get(a) ?? null, townshipCode.get(b) ?? null) || compareNames(a, b));
  const rank = new Map(townships.map((t, i) => [t, i]));
  villages.sort((a, b) => (rank.get(a.township) ?? 0) - (rank.get(b.township) ?? 0) || byCode(a.code, b.code)
    || compareNames(a.village, b.village));
  const nameCount = new Map<string, number>();
  for (const v of villages) nameCount.set(v.village, (nameCount.get(v.village) ?? 0) + 1);
  return {
    townships: entriesFromLabels(townships),
    villages: villages.map((v, code) => ({ code, name: v.village, label: (nameCount.get(v.village) ?? 0) > 1 ? `${v.township}·${v.village}` : v.village })),
    villageKeys: villages.map((v) => villageKey(v.township, v.village)),
  };
}

/**
 * Writes the dictionaries of the household dimensions and pivot_household (one row per household
 * with every dimension coded). The exit methods are the latest exit's under the line set.
 */
export function buildHouseholdFacts(db: Db, snapshotId: number, lineSet: string, codes: CodeMaps): number {
  const params = fromParams(db, snapshotId, lineSet);
  const present = presentValues(db, params);
  for (const column of PRESENT_CODED) {
    const d = dimension(SOURCES[column].dimension);
    const labels = orderedLabels(d, present.get(column) ?? []);
    saveDictionary(db, snapshotId, d.key, entriesFromLabels(labels));
    codes.set(d.key, labels);
  }
  const area = areaEntries(db, snapshotId);
  saveDictionary(db, snapshotId, 'township', area.townships);
  saveDictionary(db, snapshotId, 'village', area.villages);
  codes.set('township', area.townships.map((e) => e.label));
  codes.set('village', area.villageKeys);

  const values = joinSql(HOUSEHOLD_DIM_COLUMNS.map((c): BoundSql => {
    const s = SOURCES[c];
    return s.kind === 'year' ? { sql: s.sql, params: [] } : codeSql(s.dimension, textSql(c), codes.labels(s.dimension));
  }));
  return db.prepare(
    `INSERT INTO pivot_household(snapshot_id, household_id, ${HOUSEHOLD_DIM_COLUMNS.join(', ')}, n, size)
     SELECT h.snapshot_id, h.id, ${values.sql}, 1, h.size ${FROM} ORDER BY h.id`,
  ).run(...values.params, ...params).changes;
}
