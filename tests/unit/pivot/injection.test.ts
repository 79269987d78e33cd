import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotSpecInput } from '../../../shared/api/pivot';
import { runPivot } from '../../../electron/core/pivot/runPivot';
import { PIVOT_COUNTY, tempCounty, type TempDb } from './support/pivotCounty';
import { Refusal } from '../../../electron/core/refusal';

const EVIL = `城关镇'); DROP TABLE household; --`;

let county: TempDb;
beforeAll(() => {
  county = tempCounty([...PIVOT_COUNTY, { code: 'X1', township: EVIL, village: `"; DELETE FROM income; --`, size: 2 }]);
});
afterAll(() => county.close());

function refusal(spec: unknown): Refusal {
  try {
    runPivot(county.db, { spec: spec as PivotSpecInput });
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('identifiers come only from the catalogue', () => {
  it('refuses an unknown field with the list of valid ones', () => {
    const err = refusal({ rows: ['township; DROP TABLE household'], values: [{ measure: 'households' }] });
    expect(err.code).toBe('refused');
    expect(err.message).toMatch(/不存在/);
    expect(err.message).toContain('township（乡镇）');
    expect(err.message).toContain('exitMethodStructural');
  });

  it('refuses an unknown measure, an unknown op and an unknown filter field, listing the valid ones', () => {
    expect(refusal({ rows: [], values: [{ measure: 'count(*)' }] }).message).toContain('perCapitaIncome（人均纯收入）');
    expect(refusal({ rows: [], values: [{ measure: 'households' }], filters: [{ field: 'status', op: 'like', values: ['%'] }] }).message)
      .toMatch(/in（属于）.*notIn.*between.*isNull.*notNull/);
    expect(refusal({ rows: [], values: [{ measure: 'households' }], filters: [{ field: 'h.status', op: 'in', values: ['x'] }] }).message).toContain('county（县）');
  });

  it('refuses a spec of the wrong shape and unknown keys', () => {
    expect(refusal({ rows: 'township', values: [{ measure: 'households' }] }).message).toMatch(/格式不正确/);
    expect(refusal({ rows: [], values: [{ measure: 'households' }], sql: 'SELECT 1' }).message).toMatch(/格式不正确/);
  });
});

describe('values are bound, never spliced into SQL', () => {
  it('filters by a township whose name is an injection attempt and finds exactly it', () => {
    const r = runPivot(county.db, { spec: { rows: ['township', 'village'], values: [{ measure: 'households' }], filters: [{ field: 'township', op: 'in', values: [EVIL] }] } });
    expect(r.rows).toEqual([[EVIL, `"; DELETE FROM income; --`, 1]]);
  });

  it('leaves the tables intact after quoted values in every op', () => {
    for (const op of ['in', 'notIn'] as const) {
      runPivot(county.db, { spec: { rows: [], values: [{ measure: 'persons' }], filters: [{ field: 'village', op, values: [`' OR 1=1 --`, `"); DROP TABLE person; --`] }] } });
    }
    expect(county.db.prepare(`SELECT COUNT(*) AS n FROM household`).get()).toEqual({ n: 8 });
    expect((county.db.prepare(`SELECT COUNT(*) AS n FROM income`).get() as { n: number }).n).toBe(9);
    const r = runPivot(county.db, { spec: { rows: [], values: [{ measure: 'households' }], filters: [{ field: 'village', op: 'in', values: [`' OR 1=1 --`] }] } });
    expect(r.rows).toEqual([[0]]);
  });
});
