import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { lazyCubeFor } from '../../../electron/core/pivot/facts/lazyCubes';
import { buildGroups } from '../../../electron/core/pivot/groups';
import { planPivot } from '../../../electron/core/pivot/plan';
import { pivotResult } from '../../../electron/core/pivot/pivotResult';
import { checkSpec, pivotFactsFor, queryRows, runPivot } from '../../../electron/core/pivot/runPivot';
import type { PivotSpecInput } from '../../../shared/api/pivot';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-pivot-feed-'));
  db = openDatabase(join(dir, 'demo.sqlite'));
  await writeDemoSnapshot(db, { households: 800, seed: 5 });
  runPivot(db, { spec: { values: [{ measure: 'households' }] } });
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const SPECS: PivotSpecInput[] = [
  { rows: ['village'], columns: ['exitYear'], values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'perCapitaIncome' }], year: 2020, totals: true },
  { rows: ['village'], columns: ['ageGroup'], values: [{ measure: 'members' }], totals: true },
  { rows: ['township', 'status'], values: [{ measure: 'netIncome' }, { measure: 'households', share: 'row' }], totals: true },
  // No cube of the snapshot's own has these three: a session cube answers, fed the same way.
  { rows: ['mainCause', 'exitYear'], columns: ['relocated'], values: [{ measure: 'wageIncome' }], totals: true },
];

describe('a cube read is fed to the groups (pivot_additive_feed) instead of grouped by SQLite', () => {
  it.each(SPECS.map((spec, i) => [i, spec] as const))('gives the GROUP BY query’s result exactly (spec %i)', (_, spec) => {
    const facts = pivotFactsFor(db, {});
    const plan = planPivot(checkSpec(spec), facts, { lazyCube: (g, n, y) => lazyCubeFor(db, facts, g, n, y) });
    expect(plan.additiveFeed).not.toBeNull();
    expect(plan.additive).not.toBeNull();
    const fed = pivotResult(plan, buildGroups(plan, queryRows(db, plan)), 0);
    const sqlRows = db.prepare(plan.additive?.sql ?? '').raw().all(...(plan.additive?.params ?? [])) as unknown[][];
    const grouped = pivotResult(plan, buildGroups(plan, {
      ...queryRows(db, plan), additive: (visit) => sqlRows.forEach((row) => visit(row)),
    }), 0);
    expect(fed.rows.length).toBeGreaterThan(5);
    expect(fed).toEqual(grouped);
  });

  it('keeps SQL for a grand total alone, which answers 0 when nothing matches', () => {
    const spec = checkSpec({ values: [{ measure: 'households' }], filters: [{ field: 'township', op: 'in', values: ['没有这个镇'] }] });
    const plan = planPivot(spec, pivotFactsFor(db, {}));
    expect(plan.additiveFeed).toBeNull();
    expect(pivotResult(plan, buildGroups(plan, queryRows(db, plan)), 0).rows).toEqual([[0]]);
  });
});
