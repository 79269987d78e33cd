import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult } from '../../../shared/api/pivot';
import { runPivot } from '../../../electron/core/pivot/runPivot';
import { addField, fromSpec, removeField, setOrder, setShare, setTopN, START_SPEC, toRunSpec } from '../../../renderer/src/views/pivot/pivotState';
import { columnComparator, TOTAL_COLUMN_ID, valueHeader, widen, type WideRow } from '../../../renderer/src/views/pivot/pivotTable';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { findDimension } from '../../../shared/semantic/catalogue';

/** Sorts the grid's rows as AG Grid does: the comparator, negated for a descending sort, stable. */
function gridSort(rows: readonly WideRow[], colId: string, descending: boolean): WideRow[] {
  const compare = columnComparator(colId);
  return [...rows].sort((a, b) => {
    const r = compare(a, b, descending);
    return descending ? -r : r;
  });
}

/** Row keys as `a/b` with 小计 where a subtotal is, in the order the engine gives (subtotals after their group). */
function engineOrder(result: PivotResult): string[] {
  const out: string[] = [];
  result.rows.forEach((line, i) => {
    out.push(`${String(line[0])}/${String(line[1])}`);
    if (result.rows[i + 1]?.[0] !== line[0]) out.push(`${String(line[0])}/小计`);
  });
  return out;
}

const shown = (rows: readonly WideRow[]): string[] => rows.map((r) => `${String(r.keys.township)}/${r.keys.village === null ? '小计' : String(r.keys.village)}`);

describe('pivot workbench state', () => {
  it('shows a measure as itself and as a share, refuses the same twice, and keeps order and top N on the value', () => {
    let spec = setOrder(START_SPEC, { colId: `${TOTAL_COLUMN_ID}|persons`, direction: 'desc' });
    spec = setTopN(spec, { n: 5, by: 'persons', direction: 'desc' });
    const shared = setShare(spec, 'persons', 'row');
    expect(shared?.values).toEqual([{ measure: 'households' }, { measure: 'persons', share: 'row' }]);
    expect(shared?.order).toEqual({ colId: `${TOTAL_COLUMN_ID}|personsRowShare`, direction: 'desc' });
    expect(shared?.topN?.by).toBe('personsRowShare');
    // The raw measure can come back next to its share; a second raw one cannot.
    const both = shared ? addField(shared, 'values', 'persons') : null;
    expect(both?.values).toHaveLength(3);
    expect(both ? addField(both, 'values', 'persons') : null).toBe(both);
    expect(both ? setShare(both, 'personsRowShare', undefined) : 'x').toBeNull();
    // Removing the ranked value drops the top N and the order that pointed at it.
    const removed = both ? removeField(both, 'values', 'personsRowShare') : null;
    expect(removed?.topN).toBeUndefined();
    expect(removed?.order).toBeNull();
  });

  it('goes to the engine as sort and topN, and comes back from a saved spec the same', () => {
    const spec = setTopN(addField(START_SPEC, 'rows', 'village'), { n: 3, by: 'households', field: 'village', direction: 'desc' });
    const run = toRunSpec(spec);
    expect(run.topN).toEqual({ n: 3, by: 'households', field: 'village', direction: 'desc' });
    // The first top N lists the kept rows by their rank.
    expect(run.sort).toEqual([{ field: 'households', direction: 'desc' }]);
    expect(fromSpec(run)).toMatchObject({ order: spec.order, topN: spec.topN });
    // An order under one column key is the grid's alone.
    expect(toRunSpec(setOrder(spec, { colId: '2016|households', direction: 'asc' })).sort).toEqual([]);
    expect(toRunSpec(setOrder(spec, { colId: 'row:township', direction: 'desc' })).sort).toEqual([{ field: 'township', direction: 'desc' }]);
    // A row field removed takes its top N level with it.
    expect(removeField(spec, 'rows', 'village').topN).toEqual({ n: 3, by: 'households', direction: 'desc' });
  });

  it('names a share by the catalogue’s base', () => {
    const header = valueHeader(
      { key: 'personsRowShare', label: '人数占行合计比例', role: 'value', measure: 'persons', share: 'row', format: 'share', unit: '' },
      () => '人数',
      () => '占行合计的比例',
    );
    expect(header).toBe('人数（占行合计%）');
  });
});

describe('grid order on the demo county equals the engine’s sort', () => {
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    await writeDemoSnapshot(db, { households: 3000, seed: 1 });
  }, 60_000);
  afterAll(() => db.close());

  const spec = { rows: ['township', 'village'], values: [{ measure: 'households' }, { measure: 'persons' }], totals: true };

  for (const direction of ['desc', 'asc'] as const) {
    it(`by a value of the 合计 column, ${direction}`, () => {
      const table = widen(runPivot(db, { spec }));
      // Households: small counts, so villages tie and the tie order (the natural one) is checked too.
      const counts = table.rows.filter((r) => r.kind === 'detail').map((r) => `${String(r.keys.township)}:${String(r.cells[`${TOTAL_COLUMN_ID}|households`])}`);
      expect(new Set(counts).size).toBeLessThan(counts.length);
      const sorted = gridSort(table.rows, `${TOTAL_COLUMN_ID}|households`, direction === 'desc');
      expect(shown(sorted)).toEqual(engineOrder(runPivot(db, { spec: { ...spec, sort: [{ field: 'households', direction }] } })));
    });
    it(`by a row field, ${direction}`, () => {
      const table = widen(runPivot(db, { spec }));
      const sorted = gridSort(table.rows, 'row:township', direction === 'desc');
      expect(shown(sorted)).toEqual(engineOrder(runPivot(db, { spec: { ...spec, sort: [{ field: 'township', direction }] } })));
    });
    it(`by a row field with blanks (脱贫年度 （未填）), ${direction}: blanks last either way`, () => {
      const years = { rows: ['township', 'exitYear'], values: [{ measure: 'households' }], totals: true };
      const table = widen(runPivot(db, { spec: years }), (field) => findDimension(field)?.missingLabel);
      const sorted = gridSort(table.rows, 'row:exitYear', direction === 'desc');
      const engine = runPivot(db, { spec: { ...years, sort: [{ field: 'exitYear', direction }] } });
      const blank = findDimension('exitYear')?.missingLabel;
      expect(engine.rows.some((l) => l[1] === blank)).toBe(true);
      const got = sorted.map((r) => `${String(r.keys.township)}/${r.keys.exitYear === null ? '小计' : String(r.keys.exitYear)}`);
      expect(got).toEqual(engineOrder(engine));
    });
  }
});
