import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { CompareResult } from '../../../shared/api/evaluation';
import { idWithCheck, writeWorkbook, type SheetRows } from '../import/support/workbooks';

/**
 * Two exports of one county written as real .xlsx workbooks in the standard template (title rows
 * with the export date, 户信息, 家庭成员, 收入情况, 状态变化), imported by `tuopin import`, compared by
 * `tuopin compare --json`: every count is checked against what this test wrote, computed here from
 * the households below by the rules of evaluation.md §1 (not by the code under test).
 */
interface Income { year: number; size: number; wage: number; transfer: number }
interface Household {
  code: string; head: string; members: string[]; size: number; type: '脱贫户' | '普通农户'; attribute: string | null;
  cause: string | null; identified: number | null; status: string | null; exit: number | null; ret: number | null;
  category: string | null; monitoredOn: string | null; eliminated: '是' | '否' | null; township: string;
  incomes: Income[]; events: [number, string][];
}

const id = (n: number): string => idWithCheck(`53099919800101${String(n).padStart(3, '0')}`);
const base = (code: string, n: number, over: Partial<Household> = {}): Household => ({
  code, head: id(n), members: [id(n), id(n + 50)], size: 2, type: '脱贫户', attribute: '一般贫困户', cause: '缺资金', identified: 2014,
  status: '已脱贫（享受政策）', exit: 2017, ret: null, category: null, monitoredOn: null, eliminated: null, township: '城关镇',
  incomes: [{ year: 2020, size: 2, wage: 8000, transfer: 600 }, { year: 2021, size: 2, wage: 9000, transfer: 700 }],
  events: [[2014, '识别'], [2017, '脱贫']], ...over,
});

const A: Household[] = [
  base('K01', 1),
  base('K02', 2),
  base('K03', 3, { township: '龙潭镇', exit: 2019, events: [[2014, '识别'], [2019, '脱贫']] }),
  base('K04', 4, { status: '返贫', ret: 2020, events: [[2014, '识别'], [2017, '脱贫'], [2020, '返贫']] }),
  base('K05', 5, { status: '自然减少', events: [[2014, '识别'], [2017, '脱贫'], [2021, '自然减少']] }),
  base('K06', 6),
  base('K09', 9),
];
const B: Household[] = [
  base('K01', 1, { members: [id(1), id(51), id(100)], size: 3, status: '已脱贫（不再享受政策）', attribute: '低保贫困户',
    incomes: [...base('K01', 1).incomes, { year: 2023, size: 3, wage: 9900, transfer: 800 }] }),
  base('K02', 2, { incomes: [{ year: 2020, size: 2, wage: 8500, transfer: 600 }, { year: 2021, size: 2, wage: 9000, transfer: 700 }] }),
  base('K03', 3, { township: '龙潭镇', members: [id(3)], size: 1, exit: 2018, events: [[2014, '识别'], [2018, '脱贫']] }),
  base('K04N', 4, { ret: 2020, exit: 2023, events: [[2014, '识别'], [2017, '脱贫'], [2020, '返贫'], [2023, '脱贫']] }),
  base('K07', 7, { type: '普通农户', attribute: null, cause: null, identified: null, status: null, exit: null, category: '边缘易致贫户',
    monitoredOn: '2023-05-01', eliminated: '否', events: [[2023, '纳入监测']], incomes: [{ year: 2023, size: 2, wage: 5000, transfer: 0 }] }),
  base('K08', 8, { exit: 2016, events: [[2014, '识别'], [2016, '脱贫']] }),
  base('K09', 9, { cause: '因病', category: '脱贫不稳定户', monitoredOn: '2023-03-01', eliminated: '否',
    events: [[2014, '识别'], [2017, '脱贫'], [2023, '纳入监测']] }),
];

function sheets(households: readonly Household[], exported: string): Record<string, SheetRows> {
  const title = (name: string): SheetRows => [[`云岭县${name}`], [`导出时间：${exported}`]];
  return {
    户信息: [...title('户信息表'), ['户编号', '县', '乡镇', '行政村', '行政区划代码', '户主证件号码', '家庭人口数', '户类型', '贫困户属性', '主要致贫原因',
      '识别年度', '脱贫状态', '脱贫年度', '返贫年度', '返贫原因', '监测对象类别', '纳入监测时间', '风险是否已消除'],
    ...households.map((h) => [h.code, '云岭县', h.township, '东村', h.township === '城关镇' ? '530999100201' : '530999101201', h.head, h.size,
      h.type, h.attribute, h.cause, h.identified, h.status, h.exit, h.ret, h.ret ? '因病' : null, h.category, h.monitoredOn, h.eliminated])],
    家庭成员: [...title('家庭成员表'), ['户编号', '证件号码', '与户主关系'],
      ...households.flatMap((h) => h.members.map((m, k) => [h.code, m, k === 0 ? '户主' : '配偶']))],
    收入情况: [...title('收入情况表'), ['户编号', '年度', '家庭人口数', '工资性收入', '转移性收入', '其他转移性收入'],
      ...households.flatMap((h) => h.incomes.map((i) => [h.code, i.year, i.size, i.wage, i.transfer, i.transfer]))],
    状态变化: [...title('状态变化表'), ['户编号', '年度', '变化类型', '原因'],
      ...households.flatMap((h) => h.events.map(([y, t]) => [h.code, y, t, t === '返贫' ? '因病' : null]))],
  };
}

/** evaluation.md §1 applied to the rows above, by hand. */
function expected(): Omit<CompareResult, 'from' | 'to' | 'koujing' | 'lists' | 'elapsedMs' | 'statuses'> {
  const asOfYearA = 2022;
  const pairs: [Household, Household][] = [];
  for (const a of A) {
    const b = B.find((x) => x.code === a.code);
    if (b) pairs.push([a, b]);
  }
  const freeA = A.filter((a) => !pairs.some(([x]) => x === a));
  const freeB = B.filter((b) => !pairs.some(([, y]) => y === b));
  let renumbered = 0;
  for (const a of [...freeA]) {
    const b = freeB.find((x) => x.head === a.head);
    if (b) {
      pairs.push([a, b]);
      renumbered++;
      freeA.splice(freeA.indexOf(a), 1);
      freeB.splice(freeB.indexOf(b), 1);
    }
  }
  const explainedB = freeB.filter((b) => b.events.some(([y, t]) => (t === '识别' || t === '纳入监测') && y > asOfYearA)
    || (b.identified ?? 0) > asOfYearA || Number((b.monitoredOn ?? '0').slice(0, 4)) > asOfYearA).length;
  const explainedA = freeA.filter((a) => a.status === '自然减少' || a.status === '清退' || a.events.some(([, t]) => t === '自然减少' || t === '清退')).length;
  const s = (x: string | null): string => x ?? '未填写';
  const cells = new Map<string, { from: string; to: string; households: number; persons: number }>();
  const add = (from: string, to: string, persons: number): void => {
    const k = `${from}|${to}`;
    const c = cells.get(k) ?? { from, to, households: 0, persons: 0 };
    c.households++;
    c.persons += persons;
    cells.set(k, c);
  };
  for (const [a, b] of pairs) add(s(a.status), s(b.status), b.size);
  for (const b of freeB) add('新增', s(b.status), b.size);
  for (const a of freeA) add(s(a.status), '消失', a.size);
  const count = (f: (a: Household, b: Household) => boolean): number => pairs.filter(([a, b]) => f(a, b)).length;
  const membersAdded = pairs.reduce((n, [a, b]) => n + b.members.filter((m) => !a.members.includes(m)).length, 0);
  const membersGone = pairs.reduce((n, [a, b]) => n + a.members.filter((m) => !b.members.includes(m)).length, 0);
  const towns = new Map<string, { township: string; incomeRows: number; events: number; households: Set<string> }>();
  let incomeRows = 0;
  let events = 0;
  for (const [a, b] of pairs) {
    const t = towns.get(b.township)
      ?? { township: b.township, incomeRows: 0, events: 0, households: new Set<string>() };
    for (const ia of a.incomes.filter((i) => i.year <= asOfYearA)) {
      const ib = b.incomes.find((i) => i.year === ia.year);
      if (ib && (ib.wage !== ia.wage || ib.size !== ia.size || ib.transfer !== ia.transfer)) {
        incomeRows++;
        t.incomeRows++;
        t.households.add(b.code);
      }
    }
    const key = ([y, type]: [number, string]): string => `${y}${type}`;
    const old = a.events.filter(([y]) => y <= asOfYearA).map(key);
    const now = b.events.filter(([y]) => y <= asOfYearA).map(key);
    const diff = old.filter((e) => !now.includes(e)).length + now.filter((e) => !old.includes(e)).length;
    events += diff;
    t.events += diff;
    if (diff) t.households.add(b.code);
    if (t.incomeRows || t.events) towns.set(b.township, t);
  }
  return {
    households: {
      both: pairs.length, added: freeB.length, addedExplained: explainedB, addedUnexplained: freeB.length - explainedB,
      vanished: freeA.length, vanishedExplained: explainedA, vanishedUnexplained: freeA.length - explainedA, renumbered,
    },
    transitions: [...cells.values()],
    changes: {
      attribute: count((a, b) => a.attribute !== b.attribute), mainCause: count((a, b) => a.cause !== b.cause),
      size: count((a, b) => a.size !== b.size),
      monitoringCategory: count((a, b) => a.category !== b.category),
      riskEliminated: count((a, b) => a.eliminated !== b.eliminated),
      membersAdded, membersGone,
      membersAddedHouseholds: count((a, b) => b.members.some((m) => !a.members.includes(m))),
      membersGoneHouseholds: count((a, b) => a.members.some((m) => !b.members.includes(m))),
    },
    retroactive: {
      incomeRows, incomeEdits: incomeRows, events,
      households: new Set([...towns.values()].flatMap((t) => [...t.households])).size,
      byTownship: [...towns.values()].sort((x, y) => x.township.localeCompare(y.township, 'zh-CN'))
        .map((t) => ({
          township: t.township, incomeRows: t.incomeRows, events: t.events, households: t.households.size,
        })),
    },
  };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return { code, out, err };
}

let dir: string;
let db: string;
let result: CompareResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-compare-'));
  db = join(dir, 'county.sqlite');
  await writeWorkbook(join(dir, 'a.xlsx'), sheets(A, '2022年12月31日'));
  await writeWorkbook(join(dir, 'b.xlsx'), sheets(B, '2023年12月31日'));
  for (const f of ['a.xlsx', 'b.xlsx']) {
    const r = await cli(['import', join(dir, f), '--db', db, '--json']);
    expect(r.code, r.err).toBe(0);
  }
  const r = await cli(['compare', '--db', db, '--from', '1', '--to', '2', '--json']);
  expect(r.code, r.err).toBe(0);
  result = JSON.parse(r.out) as CompareResult;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tuopin compare on two imported workbooks of one county', () => {
  const want = expected();

  it('reads both exports as one county a year apart', () => {
    expect(result.from).toMatchObject({ county: '云岭县', countyCode: '530999', asOf: '2022-12-31' });
    expect(result.to).toMatchObject({ county: '云岭县', countyCode: '530999', asOf: '2023-12-31' });
  });

  it('counts presence, renumbering and the transition matrix as the rows say', () => {
    expect(result.households).toEqual(want.households);
    const sort = (x: { from: string; to: string }[]): { from: string; to: string }[] =>
      [...x].sort((p, q) => `${p.from}|${p.to}`.localeCompare(`${q.from}|${q.to}`));
    expect(sort(result.transitions)).toEqual(sort(want.transitions));
    expect(result.lists.renumbered).toEqual([{ from: 'K04', to: 'K04N' }]);
    expect(result.lists.vanished).toEqual(['K05', 'K06']);
  });

  it('counts the changes of record and members as the rows say', () => {
    expect(result.changes).toEqual(want.changes);
  });

  it('counts and lists the retroactive edits as the rows say', () => {
    expect(result.retroactive).toEqual(want.retroactive);
    expect(result.lists.retroactiveIncome).toEqual([
      { household: 'K02', township: '城关镇', village: '东村', year: 2020, field: 'wage', from: 8000, to: 8500 },
    ]);
    expect(result.lists.retroactiveEvents.map((e) => [e.household, e.year, e.change])).toEqual([
      ['K03', 2018, 'onlyInB'], ['K03', 2019, 'onlyInA'],
    ]);
  });

  it('refuses a snapshot with itself and another county, exit code 2 and a Chinese message', async () => {
    const self = await cli(['compare', '--db', db, '--from', '2', '--to', '2', '--json']);
    expect(self.code).toBe(2);
    expect(self.err).toContain('不能把快照 #2 与它自身比较');
    const missing = await cli(['compare', '--db', db, '--from', '1', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('缺少 --to');
    const other = join(dir, 'other.xlsx');
    const foreign = sheets([{ ...A[0]!, code: 'Z1' }], '2023年12月31日');
    foreign.户信息 = foreign.户信息!.map((r, k) => (k < 3 ? r : r.map((v, c) => (c === 1 ? '彩云县' : c === 4 ? '530888100201' : v))));
    await writeWorkbook(other, foreign);
    expect((await cli(['import', other, '--db', db, '--json'])).code).toBe(0);
    const counties = await cli(['compare', '--db', db, '--from', '1', '--to', '3']);
    expect(counties.code).toBe(2);
    expect(counties.err).toMatch(/只能比较同一个县的两个快照/);
  });
});
