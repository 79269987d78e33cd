import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { exitsForScope } from '../../../electron/core/metrics/exits';
import { exitMethodsByTownship } from '../../../electron/core/metrics/exitsByTownship';
import { incomeForScope } from '../../../electron/core/metrics/income';
import { monitoringForScope } from '../../../electron/core/metrics/monitoring';
import { registerForScope } from '../../../electron/core/metrics/register';
import { returnsForScope } from '../../../electron/core/metrics/returns';
import { resolveScope, type MetricScope } from '../../../electron/core/metrics/scope';
import { INCOME_METHODS } from '../../../shared/api/exits';
import { makeTempDir } from '../import/support/tempDir';
import { cli, readXlsx } from './readers';

/**
 * Every sheet of the XLSX, read back with openpyxl, holds the numbers of the metric it comes from:
 * the sheets `tuopin metrics --json` does not carry (register, townships, causes, the yearly exit
 * methods) are compared with the metrics engine itself, cell by cell (counts of 1–2 as "<3").
 */
type Cell = string | number | null;

function table(rows: Cell[][], first: string): { header: Cell[]; rows: Cell[][] } {
  const at = rows.findIndex((r) => r[0] === first);
  expect(at, `header row ${first}`).toBeGreaterThan(0);
  return { header: rows[at] ?? [], rows: rows.slice(at + 1).filter((r) => r.some((c) => c !== null)) };
}

function count(cell: Cell | undefined, n: number, what: string): void {
  if (n > 0 && n < 3) expect(cell, what).toBe('<3');
  else expect(cell, what).toBe(n);
}

/** A share cell: hidden as "<3" with the count it rests on when that count is 1 or 2. */
function share(cell: Cell | undefined, x: number | null, what: string, base?: number): void {
  if (x === null) expect(cell, what).toBeNull();
  else if (base !== undefined && base > 0 && base < 3) expect(cell, what).toBe('<3');
  else expect(cell, what).toBeCloseTo(x, 12);
}

describe('the XLSX sheets equal the metrics (demo county)', () => {
  const tmp = makeTempDir('report-sheets');
  const dbPath = tmp.path('county.sqlite');
  const out = tmp.path('report.xlsx');
  let db: Db;
  let scope: MetricScope;
  let wb: Record<string, { rows: Cell[][] }>;

  beforeAll(async () => {
    expect((await cli(['demo', '--db', dbPath])).code).toBe(0);
    const r = await cli(['report', '--db', dbPath, '--format', 'xlsx', '--out', out]);
    expect(r.code, r.err).toBe(0);
    wb = readXlsx(out);
    db = openDatabase(dbPath);
    scope = resolveScope(db, {});
  }, 180_000);
  afterAll(() => {
    db?.close();
    tmp.remove();
  });

  it('has one sheet per table and the 口径说明', () => {
    expect(Object.keys(wb)).toEqual(['基本情况', '人均纯收入', '乡镇收入排序', '脱贫方式', '乡镇兜底占比', '返贫', '返贫原因',
      '监测对象', '口径说明']);
  });

  it('基本情况: households and persons by 脱贫状态 and their shares', () => {
    const reg = registerForScope(scope);
    const t = table(wb['基本情况']?.rows ?? [], '脱贫状态');
    expect(t.rows.map((r) => r[0])).toEqual([...reg.byStatus.map((s) => s.status), '合计']);
    reg.byStatus.forEach((s, i) => {
      count(t.rows[i]?.[1], s.households, `${s.status} 户`);
      count(t.rows[i]?.[2], s.persons, `${s.status} 人`);
      share(t.rows[i]?.[3], s.share, `${s.status} 占比`, s.persons);
    });
    count(t.rows.at(-1)?.[1], reg.registered.households, '合计户');
    count(t.rows.at(-1)?.[2], reg.registered.persons, '合计人');
  });

  it('乡镇收入排序: the last year of each township, ranked, with its 年均增长', () => {
    const income = incomeForScope(scope, { groupBy: 'township', population: 'crossSection' });
    const t = table(wb['乡镇收入排序']?.rows ?? [], '位次');
    const byName = new Map(income.groups.map((g) => [g.group, g.crossSection]));
    const lastYear = Math.max(...income.groups.flatMap((g) => g.crossSection?.byYear.map((y) => y.year) ?? []));
    expect(t.rows.length).toBe(income.groups.length);
    let previous = Infinity;
    t.rows.forEach((row, i) => {
      expect(row[0]).toBe(i + 1);
      const cs = byName.get(String(row[1]));
      const y = cs?.byYear.find((r) => r.year === lastYear);
      expect(y, String(row[1])).toBeDefined();
      count(row[2], y?.persons ?? NaN, `${String(row[1])} 人口`);
      expect(row[3]).toBe(Math.round(y?.perCapita ?? NaN));
      share(row[4], cs?.cagr?.value ?? null, `${String(row[1])} 年均增长`, y?.persons);
      expect(Number(row[3])).toBeLessThanOrEqual(previous);
      previous = Number(row[3]);
    });
  });

  it('脱贫方式: every year\'s 户次 and persons by method, and the 兜底 share', () => {
    const exits = exitsForScope(scope, { toCheck: false });
    const t = table(wb['脱贫方式']?.rows ?? [], '年度');
    expect(t.rows.map((r) => r[0])).toEqual([...exits.byYear.map((y) => String(y.year)), '合计']);
    exits.byYear.forEach((y, i) => {
      const row = t.rows[i] ?? [];
      count(row[1], y.events, `${y.year} 户次`);
      for (const m of INCOME_METHODS) count(row[t.header.indexOf(m)], y.attribution.income[m]?.persons ?? 0, `${y.year} ${m}`);
      const persons = Object.values(y.attribution.income).reduce((a, v) => a + v.persons, 0);
      share(row[t.header.indexOf('兜底占比')], y.attribution.income['兜底保障']?.share ?? null, `${y.year} 兜底占比`, persons);
    });
    count(t.rows.at(-1)?.[1], exits.totals.events, '合计户次');
    share(t.rows.at(-1)?.[t.header.indexOf('兜底占比')], exits.headline.supportShare, '合计兜底占比');
  });

  it('乡镇兜底占比: each township\'s exits and 兜底 persons', () => {
    const towns = exitMethodsByTownship(scope);
    const t = table(wb['乡镇兜底占比']?.rows ?? [], '乡镇');
    expect(t.rows.map((r) => r[0])).toEqual(towns.map((x) => x.township));
    towns.forEach((x, i) => {
      const row = t.rows[i] ?? [];
      count(row[1], x.events, `${x.township} 户次`);
      count(row[2], x.persons, `${x.township} 人`);
      count(row[3], x.supportPersons, `${x.township} 兜底`);
      share(row[4], x.supportShare, `${x.township} 兜底占比`, x.supportPersons);
    });
  });

  it('返贫 and 返贫原因: the denominators, rates and causes', () => {
    const returns = returnsForScope(scope, { incomeRisk: false });
    const t = table(wb['返贫']?.rows ?? [], '年度');
    returns.byYear.forEach((y, i) => {
      const row = t.rows[i] ?? [];
      expect(row[0]).toBe(String(y.year));
      count(row[3], y.denominatorPersons, `${y.year} 分母`);
      share(row[4], y.rate, `${y.year} 返贫率`, y.persons);
    });
    const causes = table(wb['返贫原因']?.rows ?? [], '返贫原因');
    expect(causes.rows.map((r) => r[0])).toEqual(Object.keys(returns.causeDistribution));
    Object.values(returns.causeDistribution).forEach((c, i) => {
      count(causes.rows[i]?.[1], c.households, `原因 ${i} 户`);
      count(causes.rows[i]?.[2], c.persons, `原因 ${i} 人`);
      share(causes.rows[i]?.[3], c.share, `原因 ${i} 占比`, c.persons);
    });
  });

  it('监测对象: the totals under the categories', () => {
    const m = monitoringForScope(scope);
    const t = table(wb['监测对象']?.rows ?? [], '类别');
    const total = t.rows.find((r) => r[0] === '合计');
    count(total?.[1], m.identified.households, '合计户');
    count(total?.[2], m.identified.persons, '合计人');
    const gone = t.rows.find((r) => r[0] === '其中：风险已消除');
    count(gone?.[1], m.eliminated.households, '已消除户');
    count(gone?.[2], m.eliminated.persons, '已消除人');
  });
});
