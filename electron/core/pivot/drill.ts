import type { DrillHousehold, DrillRequest, DrillResult, PivotCell } from '../../../shared/api/pivot';
import type { Db } from '../db/database';
import { FACT_TABLES } from './facts/factColumns';
import { planPivot } from './plan';
import { checkSpec, pivotFactsFor } from './runPivot';
import { Refusal } from '../refusal';

interface HouseholdSqlRow {
  id: number; code: string; head_id_masked: string | null; township: string; village: string;
  attribute: string | null; status: string | null; size: number;
}

/**
 * pivot.drill: the households behind one cell (or total) of a pivot, with their income history —
 * how a statistician checks a surprising figure. The cell's keys become `in` filters on top of the
 * pivot's own, so the households are exactly those the figure counted (in an income pivot: those
 * with an income row in the year; in a member pivot: those with a matching member). ID numbers are
 * shown masked only.
 */
export function drillPivot(db: Db, request: DrillRequest): DrillResult {
  const spec = checkSpec(request.spec);
  const shown = new Set([...spec.rows, ...spec.columns].map((d) => d.key));
  const keyFilters: { field: string; op: string; values: PivotCell[] }[] = [];
  for (const [field, value] of Object.entries(request.key)) {
    if (!shown.has(field)) throw new Refusal('refused', `钻取的字段“${field}”不在透视的行或列中。可用：${[...shown].join('、')}`);
    if (value !== null) keyFilters.push({ field, op: 'in', values: [value] });
  }
  const cellSpec = checkSpec({ ...request.spec, filters: [...(request.spec.filters ?? []), ...keyFilters] });
  const facts = pivotFactsFor(db, request);
  const plan = planPivot(cellSpec, facts, { useCubes: false });
  const ids = (db.prepare(`SELECT DISTINCT household_id FROM ${FACT_TABLES[plan.grain]} WHERE ${plan.where.sql} ORDER BY household_id`)
    .raw().all(...plan.where.params) as [number][]).map((r) => r[0]);
  const limit = request.limit ?? 1000;
  const households = db.prepare(
    `SELECT id, code, head_id_masked, township, village, attribute, status, size FROM household
     WHERE id IN (SELECT value FROM json_each(?)) ORDER BY township, village, code LIMIT ?`,
  ).all(JSON.stringify(ids), limit) as HouseholdSqlRow[];
  const incomes = new Map<number, DrillHousehold['incomes']>();
  for (const r of db.prepare(
    `SELECT household_id AS householdId, year, size, net, per_capita AS perCapita FROM income
     WHERE household_id IN (SELECT value FROM json_each(?)) ORDER BY household_id, year`,
  ).all(JSON.stringify(households.map((h) => h.id))) as {
    householdId: number; year: number; size: number; net: number; perCapita: number;
  }[]) {
    const list = incomes.get(r.householdId) ?? [];
    list.push({ year: r.year, size: r.size, net: r.net, perCapita: r.perCapita });
    incomes.set(r.householdId, list);
  }
  const cell = Object.entries(request.key).map(([k, v]) => {
    const d = [...spec.rows, ...spec.columns].find((x) => x.key === k);
    return `${d?.label ?? k}：${v === null ? '全部' : String(v)}`;
  });
  const parts = [...cell, ...(spec.filters.length ? [`筛选：${spec.filters.map((f) => f.dimension.label).join('、')}`] : [])];
  if (plan.years) parts.push(plan.years.text);
  return {
    total: ids.length,
    truncated: ids.length > households.length,
    households: households.map((h) => ({
      code: h.code, headIdMasked: h.head_id_masked, township: h.township, village: h.village, attribute: h.attribute,
      status: h.status, size: h.size, incomes: incomes.get(h.id) ?? [],
    })),
    koujing: `${parts.join('；')}。共 ${ids.length} 户${ids.length > households.length ? `，列出前 ${households.length} 户` : ''}；证件号码只显示遮蔽后的形式`,
  };
}
