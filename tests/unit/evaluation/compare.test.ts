import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots } from '../../../electron/core/evaluation/compareSnapshots';
import { compareHouseholds } from '../../../electron/core/evaluation/compareHouseholds';
import { compareFigures } from '../../../electron/core/evaluation/compareFigures';
import { dispatch } from '../../../electron/core/service/service';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import type { CompareResult, CompareSelection } from '../../../shared/api/evaluation';
import { tempDb, validIdNumber, writeSpec, type PairHousehold, type TempDb } from './support/pairFixture';

/**
 * A hand-built pair of snapshots of 测试县 (A as of 2022-12-31, B as of 2023-12-31) with one
 * household per category of evaluation.md §1:
 * H1 in both: 已脱贫（享受政策）→（不再享受政策）, 一般→低保贫困户, 缺资金→因病, a child born (size 3 → 4).
 * H2 in both: 2020 工资性收入 5000 → 5200 (a retroactive income edit, 城关镇); a 2023 row only in B (not history).
 * H3 in both: exit year moved 2018 → 2017 (two retroactive events, 石门乡); a member gone (size 2 → 1).
 * H4 renumbered H4 → H4X (same head ID), 返贫 → 已脱贫（享受政策）.
 * H5 only in A, 自然减少 there (explained); H6 only in A, 已脱贫 (去向不明).
 * H7 only in B, 纳入监测 in 2023 (explained); H8 only in B, identified 2014 only (unexplained).
 * H9 in both: 监测对象类别 blank → 脱贫不稳定户, 风险是否已消除 blank → 否.
 * H10 in both: the 2021 income row's 家庭人口数 3 → 2 (a retroactive edit of size, 石门乡).
 */
const P = Array.from({ length: 12 }, () => validIdNumber());
const head4 = validIdNumber();
const EXITED = '已脱贫（享受政策）';

const common = (over: Partial<PairHousehold> & { code: string; size: number }): PairHousehold => ({
  status: EXITED, identifiedYear: 2014, exitYear: 2017, events: [[2014, '识别'], [2017, '脱贫']], ...over,
});

const A: PairHousehold[] = [
  common({ code: 'H1', size: 3, memberIds: [P[0]!, P[1]!, P[2]!] }),
  common({ code: 'H2', size: 2, income: [{ year: 2020, wage: 5000 }, { year: 2021, wage: 6000 }] }),
  common({ code: 'H3', township: '石门乡', size: 2, memberIds: [P[3]!, P[4]!], exitYear: 2018, events: [[2014, '识别'], [2018, '脱贫']] }),
  common({ code: 'H4', size: 4, headId: head4, status: '返贫', events: [[2014, '识别'], [2017, '脱贫'], [2020, '返贫']] }),
  common({ code: 'H5', size: 1, status: '自然减少', events: [[2014, '识别'], [2017, '脱贫'], [2021, '自然减少']] }),
  common({ code: 'H6', size: 5 }),
  common({ code: 'H9', size: 2 }),
  common({ code: 'H10', township: '石门乡', size: 3, income: [{ year: 2021, wage: 9000 }] }),
];
const B: PairHousehold[] = [
  common({ code: 'H1', size: 4, memberIds: [P[0]!, P[1]!, P[2]!, P[5]!], status: '已脱贫（不再享受政策）', attribute: '低保贫困户', mainCause: '因病' }),
  common({ code: 'H2', size: 2, income: [{ year: 2020, wage: 5200 }, { year: 2021, wage: 6000 }, { year: 2023, wage: 7000 }] }),
  common({ code: 'H3', township: '石门乡', size: 1, memberIds: [P[3]!] }),
  common({ code: 'H4X', size: 4, headId: head4, events: [[2014, '识别'], [2017, '脱贫'], [2020, '返贫'], [2023, '脱贫']] }),
  { code: 'H7', size: 3, type: '普通农户', attribute: null, mainCause: null, status: null, monitoringCategory: '边缘易致贫户', events: [[2023, '纳入监测']] },
  common({ code: 'H8', size: 2, status: '已脱贫（不再享受政策）' }),
  common({ code: 'H9', size: 2, monitoringCategory: '脱贫不稳定户', riskEliminated: false }),
  common({ code: 'H10', township: '石门乡', size: 3, income: [{ year: 2021, size: 2, wage: 9000 }] }),
];

let t: TempDb;
let a: number;
let b: number;
let c: CompareResult;

beforeAll(() => {
  t = tempDb();
  a = writeSpec(t.db, { asOf: '2022-12-31', households: A });
  b = writeSpec(t.db, { asOf: '2023-12-31', households: B });
  c = compareSnapshots(t.db, { fromSnapshotId: a, toSnapshotId: b, listLimit: null });
});
afterAll(() => t.close());

const codes = (selection: CompareSelection): string[] =>
  compareHouseholds(t.db, { fromSnapshotId: a, toSnapshotId: b, selection }).households.map((h) => h.codeB ?? h.codeA ?? '');

describe('comparing two snapshots of one county (跨期对比)', () => {
  it('matches on 户编号, and on the head ID hash for a renumbered household (改号)', () => {
    expect(c.households.both).toBe(6);
    expect(c.households.renumbered).toBe(1);
    expect(c.lists.renumbered).toEqual([{ from: 'H4', to: 'H4X' }]);
    expect(codes({ kind: 'presence', presence: 'renumbered' })).toEqual(['H4X']);
  });

  it('explains a new household by a 纳入监测 after A\'s as-of year, not by an old 识别', () => {
    expect(c.households.added).toBe(2);
    expect(c.households.addedExplained).toBe(1);
    expect(c.households.addedUnexplained).toBe(1);
    expect(codes({ kind: 'presence', presence: 'addedExplained' })).toEqual(['H7']);
    expect(codes({ kind: 'presence', presence: 'addedUnexplained' })).toEqual(['H8']);
  });

  it('counts a vanished household as accounted for only when A marked it 自然减少 or 清退', () => {
    expect(c.households.vanished).toBe(2);
    expect(c.households.vanishedExplained).toBe(1);
    expect(c.households.vanishedUnexplained).toBe(1);
    expect(c.lists.vanished).toEqual(['H5', 'H6']);
    expect(codes({ kind: 'presence', presence: 'vanishedUnexplained' })).toEqual(['H6']);
  });

  it('builds the status transition matrix in households and persons, 新增 and 消失 included', () => {
    const cell = (from: string, to: string): { households: number; persons: number } | undefined => {
      const r = c.transitions.find((x) => x.from === from && x.to === to);
      return r ? { households: r.households, persons: r.persons } : undefined;
    };
    // H2, H3, H9, H10 stay; persons are B's sizes 2 + 1 + 2 + 3.
    expect(cell(EXITED, EXITED)).toEqual({ households: 4, persons: 8 });
    expect(cell(EXITED, '已脱贫（不再享受政策）')).toEqual({ households: 1, persons: 4 });
    expect(cell('返贫', EXITED)).toEqual({ households: 1, persons: 4 });
    expect(cell('新增', '未填写')).toEqual({ households: 1, persons: 3 });
    expect(cell('新增', '已脱贫（不再享受政策）')).toEqual({ households: 1, persons: 2 });
    expect(cell('自然减少', '消失')).toEqual({ households: 1, persons: 1 });
    expect(cell(EXITED, '消失')).toEqual({ households: 1, persons: 5 });
    expect(c.transitions.reduce((s, x) => s + x.households, 0)).toBe(10);
    expect(c.statuses).toEqual([EXITED, '已脱贫（不再享受政策）', '返贫', '自然减少', '未填写']);
    expect(codes({ kind: 'transition', from: '返贫', to: EXITED })).toEqual(['H4X']);
    expect(codes({ kind: 'transition', from: '新增', to: '未填写' })).toEqual(['H7']);
  });

  it('counts the changes of record and the members added and gone (by ID hash)', () => {
    expect(c.changes).toMatchObject({
      attribute: 1, mainCause: 1, size: 2, monitoringCategory: 1, riskEliminated: 1, membersAdded: 1, membersGone: 1,
      membersAddedHouseholds: 1, membersGoneHouseholds: 1,
    });
    expect(codes({ kind: 'change', field: 'size' })).toEqual(['H1', 'H3']);
    expect(codes({ kind: 'change', field: 'membersGone' })).toEqual(['H3']);
    const h1 = compareHouseholds(t.db, { fromSnapshotId: a, toSnapshotId: b, selection: { kind: 'change', field: 'attribute' } }).households[0];
    expect(h1?.detail).toContain('贫困户属性：一般贫困户 → 低保贫困户');
    expect(h1?.detail).toContain('新增成员 1 人');
  });

  it('lists retroactive edits of income rows (old → new) and of events, by township', () => {
    expect(c.retroactive.incomeRows).toBe(2);
    expect(c.retroactive.incomeEdits).toBe(2);
    expect(c.retroactive.events).toBe(2);
    expect(c.retroactive.households).toBe(3);
    expect(c.lists.retroactiveIncome).toEqual([
      { household: 'H2', township: '城关镇', village: '一村', year: 2020, field: 'wage', from: 5000, to: 5200 },
      { household: 'H10', township: '石门乡', village: '一村', year: 2021, field: 'size', from: 3, to: 2 },
    ]);
    expect(c.lists.retroactiveEvents.map((e) => [e.household, e.year, e.type, e.change])).toEqual([
      ['H3', 2017, '脱贫', 'onlyInB'], ['H3', 2018, '脱贫', 'onlyInA'],
    ]);
    expect(c.retroactive.byTownship).toEqual([
      { township: '城关镇', incomeRows: 1, events: 0, households: 1 },
      { township: '石门乡', incomeRows: 1, events: 2, households: 2 },
    ]);
    const moved = compareHouseholds(t.db, { fromSnapshotId: a, toSnapshotId: b, selection: { kind: 'retroactive', what: 'events' } });
    expect(moved.households.map((h) => h.detail)).toEqual(['2018年脱贫：A 有，B 无；2017年脱贫：A 无，B 有']);
    expect(codes({ kind: 'retroactive', what: 'any', township: '石门乡' })).toEqual(['H10', 'H3']);
  });

  it('sets the standard figures of A and B side by side with B − A, from the metrics engine', () => {
    const f = compareFigures(t.db, { fromSnapshotId: a, toSnapshotId: b });
    const exits2017 = f.rows.find((r) => r.figure === '脱贫户数' && r.year === 2017);
    expect(exits2017).toEqual({
      section: '脱贫', figure: '脱贫户数', year: 2017, unit: '户',
      a: f.metricsA.exits.byYear.find((y) => y.year === 2017)!.households,
      b: f.metricsB.exits.byYear.find((y) => y.year === 2017)!.households,
      difference: f.metricsB.exits.byYear.find((y) => y.year === 2017)!.households
        - f.metricsA.exits.byYear.find((y) => y.year === 2017)!.households,
    });
    // A: H1 H2 H4 H5 H6 H9 H10 exit 2017 (7); B: H1 H2 H3 H4X H8 H9 H10 (7), H3 moved in, H5 H6 gone.
    expect(exits2017?.a).toBe(7);
    expect(exits2017?.b).toBe(7);
    expect(f.rows.every((r) => f.metricsA.exits.byYear.some((y) => y.year === r.year) || r.section !== '脱贫')).toBe(true);
  });

  it('refuses a snapshot compared with itself, two counties, and A newer than B, in Chinese', async () => {
    const other = writeSpec(t.db, { asOf: '2023-12-31', countyCode: '530888', countyName: '别的县', households: [common({ code: 'Z1', size: 1 })] });
    const ctx = { db: t.db, databasePath: ':memory:', jobs: new JobRunner(), host: 'cli' as const, workDir: '/nonexistent' };
    const self = await dispatch(ctx, 'evaluation.compare', { fromSnapshotId: a, toSnapshotId: a });
    expect(self).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(self.ok ? '' : self.error.message).toContain('不能把快照');
    const counties = await dispatch(ctx, 'evaluation.compare', { fromSnapshotId: a, toSnapshotId: other });
    expect(counties.ok ? '' : counties.error.message).toMatch(/只能比较同一个县的两个快照.*测试县.*别的县/);
    const reversed = await dispatch(ctx, 'evaluation.compare', { fromSnapshotId: b, toSnapshotId: a });
    expect(reversed.ok ? '' : reversed.error.message).toContain('基期应早于对比期');
    const missing = await dispatch(ctx, 'evaluation.compare', { fromSnapshotId: a, toSnapshotId: 99 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('matches two counties without codes by name', () => {
    const t2 = tempDb();
    try {
      const x = writeSpec(t2.db, { asOf: '2022-12-31', countyCode: null, households: [common({ code: 'Q1', size: 1 })] });
      const y = writeSpec(t2.db, { asOf: '2023-12-31', countyCode: null, households: [common({ code: 'Q1', size: 1 })] });
      expect(compareSnapshots(t2.db, { fromSnapshotId: x, toSnapshotId: y }).households.both).toBe(1);
    } finally {
      t2.close();
    }
  });
});
