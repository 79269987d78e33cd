import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult, PivotSpecInput } from '../../../shared/api/pivot';
import { runPivot } from '../../../electron/core/pivot/runPivot';
import { CUBES } from '../../../electron/core/pivot/facts/cubes';
import { tempCounty, type TempDb } from './support/pivotCounty';

let county: TempDb;

beforeAll(() => {
  county = tempCounty();
});
afterAll(() => county.close());

function run(spec: PivotSpecInput, useCubes = true): PivotResult {
  return runPivot(county.db, { spec }, { useCubes });
}

/** Row of the result whose keys are `keys` (null = all, in totals). */
function find(lines: PivotResult['rows'], keys: readonly (string | number | null)[]): (string | number | null)[] {
  const hit = lines.find((l) => keys.every((k, i) => l[i] === k));
  if (!hit) throw new Error(`no line ${JSON.stringify(keys)} in ${JSON.stringify(lines)}`);
  return hit;
}

describe('person-weighted per-capita income', () => {
  it('divides Σ纯收入 by Σ人口 across households of different sizes, not an average of averages', () => {
    const r = run({ rows: ['township'], values: [{ measure: 'perCapitaIncome' }, { measure: 'netIncome' }, { measure: 'persons' }], year: 2020, totals: true });
    // 城关镇: (12200 + 5000 + 12000) / (3 + 1 + 4); the mean of the three 人均 would be 4022.22.
    expect(find(r.rows, ['城关镇'])[1]).toBeCloseTo(29200 / 8, 9);
    expect(find(r.rows, ['城关镇'])[2]).toBe(29200);
    // 河口乡: (4000 + 7000 + 6000) / (2 + 5 + 3)
    expect(find(r.rows, ['河口乡'])[1]).toBeCloseTo(1700, 9);
    expect(find(r.totals, [null])[1]).toBeCloseTo(46200 / 18, 9);
  });

  it('computes income sources per capita, 净经营性 as business minus cost and 兜底 as 低保 + 特困', () => {
    const r = run({ rows: ['township'], year: 2020, values: [{ measure: 'wageIncome' }, { measure: 'netBusinessIncome' }, { measure: 'transferIncome' }, { measure: 'supportIncome' }, { measure: 'propertyIncome' }] });
    const c = find(r.rows, ['城关镇']);
    expect(c[1]).toBeCloseTo((9000 + 12000) / 8, 9);
    expect(c[2]).toBeCloseTo((3000 - 1000) / 8, 9);
    expect(c[3]).toBeCloseTo((1200 + 5000) / 8, 9);
    expect(c[4]).toBeCloseTo((600 + 5000) / 8, 9);
    expect(c[5]).toBe(0);
    expect(find(r.rows, ['河口乡'])[4]).toBeCloseTo(4000 / 10, 9);
  });

  it('counts persons as the income row’s 家庭人口数 in an income pivot and the household’s current size otherwise', () => {
    const income2019 = run({ rows: [], values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'perCapitaIncome' }], year: 2019 });
    // H1 has 4 on its 2019 income row but 3 in 户信息; H5 5; H7 3.
    expect(income2019.rows[0]).toEqual([3, 12, (8000 + 4000 + 12000) / 12]);
    const register = run({ rows: [], values: [{ measure: 'households' }, { measure: 'persons' }] });
    expect(register.rows[0]).toEqual([7, 3 + 1 + 4 + 2 + 5 + 2 + 3]);
    expect(register.meta.grain).toBe('household');
    expect(income2019.meta.grain).toBe('income');
  });
});

describe('weighted median', () => {
  it('is the smallest value whose persons at or below reach half, with ties carrying the median', () => {
    const r = run({ rows: [], values: [{ measure: 'medianPerCapitaIncome' }], year: 2020 });
    // sorted: 1400×5, 2000×2, 2000×3, 3000×4, 4066.67×3, 5000×1; 18 persons, half 9: ≤1400 → 5, ≤2000 → 10.
    expect(r.rows[0]).toEqual([2000]);
  });

  it('takes the value where the persons reach exactly half, per group and in the total', () => {
    const r = run({ rows: ['township'], values: [{ measure: 'medianPerCapitaIncome' }], year: 2020, totals: true });
    // 城关镇: 3000×4, 4066.67×3, 5000×1 → 4 of 8 at 3000. 河口乡: 1400×5 of 10.
    expect(find(r.rows, ['城关镇'])[1]).toBe(3000);
    expect(find(r.rows, ['河口乡'])[1]).toBe(1400);
    expect(find(r.totals, [null])[1]).toBe(2000);
  });

  it('gives each year its own median with the year as a dimension, and pools years only in a total', () => {
    const r = run({ rows: ['year'], values: [{ measure: 'medianPerCapitaIncome' }, { measure: 'persons' }], totals: true });
    expect(find(r.rows, [2019])).toEqual([2019, 2000, 12]);
    expect(find(r.rows, [2020])).toEqual([2020, 2000, 18]);
    // 2019 and 2020 pooled: 800×5, 1400×5, 2000×4(H1 2019), 2000×2, 2000×3, 3000×4, 4000×3, 4066.67×3, 5000×1 → 30
    // persons, 15 reached at 2000.
    expect(find(r.totals, [null])).toEqual([null, 2000, 30]);
  });
});

describe('weighted median feeds', () => {
  it('reads one year at a time when every level keeps the year, and pools the years of a filter', () => {
    const byYear = run({ rows: ['year'], columns: ['township'], values: [{ measure: 'medianPerCapitaIncome' }] });
    // 2019 河口乡: 800×5, 4000×3 → 5 of 8 at 800; 2020 城关镇 3000 (see above)
    expect(find(byYear.rows, [2019, '河口乡'])[2]).toBe(800);
    expect(find(byYear.rows, [2019, '城关镇'])[2]).toBe(2000);
    expect(find(byYear.rows, [2020, '城关镇'])[2]).toBe(3000);
    const pooled = run({ rows: [], values: [{ measure: 'medianPerCapitaIncome' }, { measure: 'persons' }], filters: [{ field: 'year', op: 'between', values: [2019, 2020] }] });
    expect(pooled.rows).toEqual([[2000, 30]]);
    expect(pooled.meta.koujing.notes.join()).toMatch(/多个收入年度/);
  });
});

describe('shares', () => {
  const spec: PivotSpecInput = {
    rows: ['township'], columns: ['status'],
    values: [{ measure: 'persons' }, { measure: 'persons', share: 'grand' }, { measure: 'persons', share: 'row' }, { measure: 'persons', share: 'column' }],
    filters: [{ field: 'status', op: 'in', values: ['已脱贫（享受政策）', '已脱贫（不再享受政策）', '返贫'] }],
    totals: true,
  };
  it('divides by the grand total, the row total and the column total', () => {
    const r = run(spec);
    expect(r.fields).toEqual(['township', 'status', 'persons', 'personsShare', 'personsRowShare', 'personsColumnShare']);
    // persons: 城关镇 享受 3 + 1, 不再享受 4; 河口乡 享受 3 (H7), 返贫 2 (H4). Grand 13.
    expect(find(r.rows, ['城关镇', '已脱贫（享受政策）'])).toEqual(['城关镇', '已脱贫（享受政策）', 4, 4 / 13, 4 / 8, 4 / 7]);
    expect(find(r.rows, ['河口乡', '返贫'])).toEqual(['河口乡', '返贫', 2, 2 / 13, 2 / 5, 1]);
    expect(find(r.totals, ['城关镇', null])).toEqual(['城关镇', null, 8, 8 / 13, 1, 8 / 13]);
    expect(find(r.totals, [null, '已脱贫（享受政策）'])).toEqual([null, '已脱贫（享受政策）', 7, 7 / 13, 7 / 13, 1]);
    expect(find(r.totals, [null, null])).toEqual([null, null, 13, 1, 1, 1]);
  });

  it('offers householdsShare and personsShare as measures of their own (share of the grand total)', () => {
    const r = run({ rows: ['householdAttribute'], values: [{ measure: 'householdsShare' }, { measure: 'personsShare' }] });
    expect(find(r.rows, ['一般贫困户'])).toEqual(['一般贫困户', 4 / 7, 15 / 20]);
    expect(find(r.rows, ['（未填）'])).toEqual(['（未填）', 1 / 7, 2 / 20]);
  });

  it('refuses a share of a measure that does not add up', () => {
    expect(() => run({ rows: [], values: [{ measure: 'perCapitaIncome', share: 'grand' }] })).toThrow(/不能加总/);
  });
});

describe('totals', () => {
  it('adds subtotals at each row level and column totals, null meaning all, and keeps blank keys apart from all', () => {
    const r = run({ rows: ['township', 'exitYear'], columns: ['householdType'], values: [{ measure: 'households' }], totals: true });
    // a blank 脱贫年度 is a value of its own (（未填）), so the 河口乡 subtotal is not confused with it
    expect(find(r.rows, ['河口乡', '（未填）', '脱贫户'])[3]).toBe(1);
    expect(find(r.rows, ['河口乡', '（未填）', '普通农户'])[3]).toBe(1);
    expect(find(r.totals, ['河口乡', '（未填）', null])[3]).toBe(2);
    expect(find(r.totals, ['河口乡', null, null])[3]).toBe(4);
    expect(find(r.totals, ['河口乡', null, '脱贫户'])[3]).toBe(3);
    expect(find(r.totals, [null, null, '普通农户'])[3]).toBe(1);
    expect(find(r.totals, [null, null, null])[3]).toBe(7);
    // every combination of row prefix × column prefix except the cells themselves
    expect(new Set(r.totals.map((t) => `${t[0] === null ? 0 : t[1] === null ? 1 : 2}${t[2] === null ? 0 : 1}`))).toEqual(new Set(['00', '01', '10', '11', '20']));
  });

  it('puts a subtotal right after its group in the combined order', () => {
    const r = run({ rows: ['township', 'village'], values: [{ measure: 'households' }], totals: true });
    expect(r.rows.map((l) => l.slice(0, 2))).toEqual([['城关镇', '二村'], ['城关镇', '城关镇·一村'], ['河口乡', '三村'], ['河口乡', '河口乡·一村']]);
    expect(r.totals.map((l) => l.slice(0, 2))).toEqual([['城关镇', null], ['河口乡', null], [null, null]]);
  });
});

describe('filters', () => {
  const households = (filters: PivotSpecInput['filters']): number => run({ rows: [], values: [{ measure: 'households' }], filters }).rows[0]?.[0] as number;

  it('applies in, notIn, between, isNull and notNull', () => {
    expect(households([{ field: 'township', op: 'in', values: ['河口乡'] }])).toBe(4);
    expect(households([{ field: 'status', op: 'notIn', values: ['未脱贫'] }])).toBe(6); // the blank status of H6 is not 未脱贫
    expect(households([{ field: 'status', op: 'notIn', values: ['未脱贫', null] }])).toBe(5);
    expect(households([{ field: 'exitYear', op: 'between', values: [2016, 2017] }])).toBe(4);
    expect(households([{ field: 'exitYear', op: 'isNull', values: [] }])).toBe(2);
    expect(households([{ field: 'exitYear', op: 'notNull', values: [] }])).toBe(5);
    expect(households([{ field: 'status', op: 'in', values: ['（未填）'] }])).toBe(1);
    expect(households([{ field: 'relocated', op: 'in', values: ['是'] }])).toBe(1);
    expect(households([{ field: 'relocated', op: 'in', values: [false] }])).toBe(6);
    expect(households([{ field: 'mainRisk', op: 'in', values: ['因病'] }])).toBe(1);
  });

  it('matches a village by its bare name in every township, or by its 乡镇·村 label in one', () => {
    expect(households([{ field: 'village', op: 'in', values: ['一村'] }])).toBe(3);
    expect(households([{ field: 'village', op: 'in', values: ['河口乡·一村'] }])).toBe(1);
  });

  it('says in the 口径 when a filter value matches nothing, rather than refusing', () => {
    const r = run({ rows: [], values: [{ measure: 'households' }], filters: [{ field: 'township', op: 'in', values: ['不存在镇'] }] });
    expect(r.rows[0]).toEqual([0]);
    expect(r.meta.koujing.notes.join()).toMatch(/不存在镇/);
  });

  it('refuses between on a text field and a filter without values', () => {
    expect(() => run({ rows: [], values: [{ measure: 'households' }], filters: [{ field: 'township', op: 'between', values: ['a', 'b'] }] })).toThrow(/between/);
    expect(() => run({ rows: [], values: [{ measure: 'households' }], filters: [{ field: 'township', op: 'in', values: [] }] })).toThrow(/至少需要一个值/);
  });
});

describe('income year', () => {
  const spec = (extra: Partial<PivotSpecInput>): PivotSpecInput => ({ rows: [], values: [{ measure: 'persons' }, { measure: 'perCapitaIncome' }], ...extra });

  it('takes the latest year of the snapshot when nothing names one, and says so', () => {
    const r = run(spec({}));
    expect(r.meta.incomeYear).toBe(2020);
    expect(r.meta.incomeYearSource).toBe('latest');
    expect(r.rows[0]).toEqual([18, 46200 / 18]);
  });

  it('takes the spec year, then a year filter over it, then the year dimension over both', () => {
    expect(run(spec({ year: 2019 })).meta).toMatchObject({ incomeYear: 2019, incomeYearSource: 'spec' });
    const filtered = run(spec({ year: 2020, filters: [{ field: 'year', op: 'in', values: [2019] }] }));
    expect(filtered.meta).toMatchObject({ incomeYear: 2019, incomeYearSource: 'filter' });
    expect(filtered.rows[0]).toEqual([12, 24000 / 12]);
    const byYear = run({ ...spec({ year: 2019 }), rows: ['year'] });
    expect(byYear.meta).toMatchObject({ incomeYear: null, incomeYears: [2019, 2020], incomeYearSource: 'dimension' });
    expect(byYear.rows.map((l) => l[0])).toEqual([2019, 2020]);
  });

  it('says when the spec year is not used because nothing reads income rows', () => {
    const r = run({ rows: [], values: [{ measure: 'households' }], year: 2019 });
    expect(r.meta).toMatchObject({ grain: 'household', incomeYear: null, incomeYearSource: null });
    expect(r.meta.koujing.notes.join()).toMatch(/2019 未使用/);
  });

  it('answers nothing for a year without income rows, and says so', () => {
    const r = run(spec({ year: 2015 }));
    expect(r.rows).toEqual([]);
    expect(r.meta.koujing.notes.join()).toMatch(/没有 2015 年的收入记录/);
  });
});

describe('members', () => {
  it('counts members by sex and age group in full years on the as-of date (2023-12-31)', () => {
    const r = run({ rows: ['ageGroup'], values: [{ measure: 'members' }], totals: true });
    // born 2008-01-01 → 15 (0–15); 2007-12-31 → 16 (16–30); 1982-12-31 → 41; 1958-01-01 → 65 (61–65); 1950 → 73
    expect(r.rows).toEqual([['0–15岁', 2], ['16–30岁', 1], ['31–45岁', 3], ['61–65岁', 1], ['66岁及以上', 1]]);
    expect(r.totals).toEqual([[null, 8]]);
  });

  it('counts distinct households behind member groups, which need not add up', () => {
    const r = run({ rows: ['sex'], values: [{ measure: 'members' }, { measure: 'households' }], totals: true });
    expect(find(r.rows, ['男'])).toEqual(['男', 4, 2]);
    expect(find(r.rows, ['女'])).toEqual(['女', 4, 3]);
    expect(r.totals).toEqual([[null, 8, 3]]);
  });

  it('filters members by household fields and refuses members with income measures', () => {
    const r = run({ rows: ['health'], values: [{ measure: 'members' }], filters: [{ field: 'township', op: 'in', values: ['城关镇'] }] });
    expect(r.rows).toEqual([['健康', 2], ['长期慢性病', 1], ['患有大病', 1]]);
    expect(() => run({ rows: ['sex'], values: [{ measure: 'perCapitaIncome' }] })).toThrow(/家庭成员字段/);
    expect(() => run({ rows: ['sex'], values: [{ measure: 'persons' }] })).toThrow(/members/);
  });
});

describe('exit methods', () => {
  it('reads each household’s latest exit as the metrics engine attributed it', () => {
    const r = run({ rows: ['exitMethodIncome'], columns: ['exitMethodStructural'], values: [{ measure: 'households' }] });
    const attributed = county.db.prepare(
      `SELECT h.code, a.income_method AS income, a.structural_method AS structural FROM exit_attribution a JOIN household h ON h.id = a.household_id
       WHERE a.is_latest = 1 AND a.line_set = 'national' ORDER BY h.code`,
    ).all() as { code: string; income: string; structural: string }[];
    expect(attributed.map((a) => a.code)).toEqual(['H1', 'H2', 'H3', 'H4', 'H7']);
    // H7 exited in 2019 with 人均 4000 ≥ 3218 from wages: 就业; the others have no income row in their exit year.
    expect(attributed.find((a) => a.code === 'H7')?.income).toBe('就业');
    expect(find(r.rows, ['就业', '开发式'])[2]).toBe(1);
    const total = r.rows.filter((l) => l[0] !== '（无脱贫事件）').reduce((s, l) => s + (l[2] as number), 0);
    expect(total).toBe(5);
    expect(r.rows.filter((l) => l[0] === '（无脱贫事件）').reduce((s, l) => s + (l[2] as number), 0)).toBe(2);
    expect(r.meta.koujing.notes.join()).toMatch(/国家标准/);
  });
});

describe('sort and top N', () => {
  it('orders row groups by a value, keeping subtotals with their group', () => {
    const r = run({ rows: ['township'], values: [{ measure: 'persons' }], sort: [{ field: 'persons', direction: 'desc' }] });
    expect(r.rows).toEqual([['河口乡', 12], ['城关镇', 8]]);
    const asc = run({ rows: ['township'], values: [{ measure: 'persons' }], sort: [{ field: 'township', direction: 'desc' }] });
    expect(asc.rows.map((l) => l[0])).toEqual(['河口乡', '城关镇']);
  });

  it('keeps the top n members of a row level within each parent', () => {
    const r = run({ rows: ['township', 'village'], values: [{ measure: 'persons' }], topN: { n: 1, by: 'persons', field: 'village' }, totals: true });
    expect(r.rows).toEqual([['城关镇', '城关镇·一村', 7], ['河口乡', '三村', 10]]);
    expect(find(r.totals, ['河口乡', null])[2]).toBe(12);
    expect(r.meta.koujing.notes.join()).toMatch(/前|最大/);
  });
});

describe('summary tables', () => {
  const specs: PivotSpecInput[] = [
    { rows: ['township'], columns: ['exitYear'], values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'perCapitaIncome' }], filters: [{ field: 'status', op: 'in', values: ['已脱贫（享受政策）', '已脱贫（不再享受政策）'] }], year: 2020, totals: true },
    { rows: ['returnCause'], columns: ['returnYear'], values: [{ measure: 'households' }, { measure: 'persons', share: 'column' }], totals: true },
    { rows: ['monitoringCategory'], columns: ['mainRisk'], values: [{ measure: 'households' }], totals: true },
    { rows: ['village'], columns: ['year'], values: [{ measure: 'netIncome' }, { measure: 'supportIncome' }], totals: true },
    { rows: ['sex', 'ageGroup'], columns: ['health'], values: [{ measure: 'members' }], totals: true },
    { rows: ['village'], columns: ['ageGroup'], values: [{ measure: 'members' }], totals: true },
  ];
  it.each(specs.map((s, i) => [i, s] as const))('give the same figures as the detail rows (spec %i)', (_, spec) => {
    const cube = run(spec, true);
    const leaf = run(spec, false);
    expect(cube.meta.source).toMatch(/汇总表/);
    expect(leaf.meta.source).toMatch(/明细表/);
    expect(cube.rows).toEqual(leaf.rows);
    expect(cube.totals).toEqual(leaf.totals);
  });

  it('reads 行政村 × 年龄组 from the village cube without 性别 (half the rows of the one with it)', () => {
    const r = run({ rows: ['village'], columns: ['ageGroup'], values: [{ measure: 'members' }] }, true);
    const id = Number(/汇总表 #(\d+)/.exec(r.meta.source)?.[1]);
    expect(CUBES.find((c) => c.id === id)?.columns).toEqual(['county', 'township', 'village', 'age_group']);
  });
});

describe('session cubes for fields no summary table covers', () => {
  it('makes one from the detail rows, gives the same figures, and reuses it for other filter values and measures', () => {
    const spec = (values: string[]): PivotSpecInput => ({
      rows: ['village'], columns: ['mainCause'], values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'perCapitaIncome' }],
      filters: [{ field: 'relocated', op: 'in', values }], year: 2020, totals: true,
    });
    const first = run(spec(['否']));
    expect(first.meta.source).toMatch(/本次会话按所用字段生成的汇总表 #(\d+)/);
    expect(first.rows).toEqual(run(spec(['否']), false).rows);
    expect(first.totals).toEqual(run(spec(['否']), false).totals);
    const id = /#(\d+)/.exec(first.meta.source)?.[1];
    const other = run(spec(['是']));
    expect(/#(\d+)/.exec(other.meta.source)?.[1]).toBe(id);
    expect(other.rows).toEqual(run(spec(['是']), false).rows);
    // 2019 is added to the same cube when asked for
    const byYear = run({ ...spec(['否']), year: undefined, columns: ['year'] });
    expect(byYear.rows).toEqual(run({ ...spec(['否']), year: undefined, columns: ['year'] }, false).rows);
  });
});
