import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotSpecInput } from '../../../shared/api/pivot';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { columnMedians } from '../../../electron/core/pivot/columnMedians';
import { groupKey, type LevelGroups } from '../../../electron/core/pivot/group';
import { addMedians, buildGroups } from '../../../electron/core/pivot/groups';
import { planPivot, type PivotPlan } from '../../../electron/core/pivot/plan';
import { checkSpec, feedMediansFor, pivotFactsFor, queryRows } from '../../../electron/core/pivot/runPivot';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-column-medians-'));
  db = openDatabase(join(dir, 'demo.sqlite'));
  await writeDemoSnapshot(db, { households: 1500, seed: 11 });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every group's median, by level and key. */
function medians(levels: LevelGroups): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [id, groups] of levels) for (const g of groups.values()) out[`${id}/${groupKey(g.rowCodes, g.colCodes)}`] = g.median;
  return out;
}

function groupsWithout(plan: PivotPlan): LevelGroups {
  const rows = queryRows(db, plan);
  return buildGroups(plan, { ...rows, medianGroups: undefined });
}

const SPECS: PivotSpecInput[] = [
  { rows: ['village'], columns: ['year'], values: [{ measure: 'medianPerCapitaIncome' }], totals: true },
  { rows: ['township', 'householdAttribute'], values: [{ measure: 'medianPerCapitaIncome' }], year: 2019, totals: true },
  { rows: ['village'], columns: ['status'], values: [{ measure: 'medianPerCapitaIncome' }],
    filters: [{ field: 'poorVillage', op: 'in', values: ['是'] }], totals: true },
];

describe('medians from the kept rows', () => {
  it.each(SPECS.map((s, i) => [i, s] as const))('equal the medians of the rows fed in order, every level (%i)', (_, spec) => {
    const plan = planPivot(checkSpec(spec), pivotFactsFor(db, {}), { useCubes: false });
    const fed = groupsWithout(plan);
    addMedians(plan, fed, feedMediansFor(db, plan));
    const kept = groupsWithout(plan);
    expect(columnMedians(db, plan, kept)).toBe(true);
    const expected = medians(fed);
    expect(Object.values(expected).filter((m) => m !== null).length).toBeGreaterThan(10);
    expect(medians(kept)).toEqual(expected);
    // Again from the rows kept by the first call: the same.
    const again = groupsWithout(plan);
    expect(columnMedians(db, plan, again)).toBe(true);
    expect(medians(again)).toEqual(expected);
  });
});
