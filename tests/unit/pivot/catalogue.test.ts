import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSIONS } from '../../../shared/semantic/dimensions';
import { MEASURES } from '../../../shared/semantic/measures';
import { AGE_GROUPS, ageGroupIndex, ageOn } from '../../../shared/semantic/ageGroups';
import { HOUSEHOLD_DIM_COLUMNS, PERSON_DIM_COLUMNS } from '../../../electron/core/pivot/facts/factColumns';
import { CUBES } from '../../../electron/core/pivot/facts/cubes';
import { tempCounty, type TempDb } from './support/pivotCounty';

let county: TempDb;
beforeAll(() => {
  county = tempCounty([]);
});
afterAll(() => county.close());

function columns(table: string): string[] {
  return (county.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name);
}

describe('the semantic catalogue', () => {
  it('has every field and measure cli.md names, plus the member fields', () => {
    const fields = ['county', 'township', 'village', 'poorVillage', 'householdType', 'householdAttribute', 'mainCause', 'status',
      'identifiedYear', 'exitYear', 'returnYear', 'returnCause', 'monitoringCategory', 'mainRisk', 'riskEliminated', 'relocated',
      'exitMethodIncome', 'exitMethodStructural', 'year', 'sex', 'ageGroup', 'health', 'labour', 'workStatus'];
    const measures = ['households', 'persons', 'netIncome', 'perCapitaIncome', 'medianPerCapitaIncome', 'wageIncome',
      'netBusinessIncome', 'propertyIncome', 'transferIncome', 'supportIncome', 'householdsShare', 'personsShare', 'members'];
    expect(DIMENSIONS.map((d) => d.key).sort()).toEqual([...fields].sort());
    expect(MEASURES.map((m) => m.key).sort()).toEqual([...measures].sort());
  });

  it('labels and explains every entry in Chinese', () => {
    for (const e of [...DIMENSIONS, ...MEASURES]) {
      expect(e.label).toMatch(/[\u4e00-\u9fff]/);
      expect(e.koujing).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('maps every dimension to a column the fact tables of migration 003 really have', () => {
    const household = columns('pivot_household');
    const person = columns('pivot_person');
    const income = columns('pivot_income');
    const cube = columns('pivot_cube');
    for (const d of DIMENSIONS) {
      if (d.grain === 'household') {
        expect(HOUSEHOLD_DIM_COLUMNS).toContain(d.column);
        for (const t of [household, person, income, cube]) expect(t).toContain(d.column);
      } else if (d.grain === 'person') {
        expect(PERSON_DIM_COLUMNS).toContain(d.column);
        expect(person).toContain(d.column);
        expect(cube).toContain(d.column);
      } else {
        expect(income).toContain(d.column);
      }
    }
    for (const c of CUBES) for (const col of c.columns) expect(cube).toContain(col);
  });

  it('orders code-list dimensions in code-list order and years numerically', () => {
    const status = DIMENSIONS.find((d) => d.key === 'status');
    expect(status?.order).toEqual({ kind: 'codeList', labels: ['未脱贫', '已脱贫（享受政策）', '已脱贫（不再享受政策）', '返贫', '自然减少', '清退'] });
    expect(DIMENSIONS.find((d) => d.key === 'exitYear')?.order).toEqual({ kind: 'numeric' });
  });
});

describe('age groups', () => {
  it('count full years on the as-of date', () => {
    expect(ageOn('2007-12-31', '2023-12-31')).toBe(16);
    expect(ageOn('2008-01-01', '2023-12-31')).toBe(15);
    expect(ageOn('1958-06', '2023-05-31')).toBe(64);
    expect(ageOn(null, '2023-12-31')).toBeNull();
    expect(ageOn('2030-01-01', '2023-12-31')).toBeNull();
    expect(AGE_GROUPS[ageGroupIndex(15) ?? -1]?.label).toBe('0–15岁');
    expect(AGE_GROUPS[ageGroupIndex(16) ?? -1]?.label).toBe('16–30岁');
    expect(AGE_GROUPS[ageGroupIndex(65) ?? -1]?.label).toBe('61–65岁');
    expect(AGE_GROUPS[ageGroupIndex(66) ?? -1]?.label).toBe('66岁及以上');
  });
});
