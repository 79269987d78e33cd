import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { migration017 } from '../../../electron/core/db/migrations/017-event-exit';
import { upsertLines } from '../../../electron/core/db/queries/lineQueries';
import { signalsOf } from '../../../electron/core/evaluation/signals';
import { signalHouseholds } from '../../../electron/core/evaluation/signalHouseholds';
import { getThresholds, setThresholds } from '../../../electron/core/evaluation/thresholds';
import { DEFAULT_SIGNAL_THRESHOLDS, type SignalsResult } from '../../../shared/api/evaluation';
import type { IncomeSpec } from '../metrics/support/countyFixture';
import { tempDb, writeSpec, type PairHousehold, type TempDb } from './support/pairFixture';

/**
 * Exits of 2020 under a line set `test` with L(2019) = 2000, L(2020) = 3000, L(2021) = 3500, so
 * that 1.1 L = 3300 (3300.0000000000005 in floating point: the boundary must still hold). Each
 * household sits at or next to one threshold of evaluation.md §2; 家庭人口数 1 unless said.
 */
const exit2020 = (code: string, income: IncomeSpec[], over: Partial<PairHousehold> = {}): PairHousehold => ({
  // A village of its own unless said, so that equal incomes do not raise S5 by accident.
  code, village: code, size: 1, status: '已脱贫（享受政策）', identifiedYear: 2014, exitYear: 2020,
  events: [[2014, '识别'], [2020, '脱贫']], income, ...over,
});

const HOUSEHOLDS: PairHousehold[] = [
  // S1: L ≤ p < 1.1 L.
  exit2020('S1-at-line', [{ year: 2020, wage: 3000 }]),
  exit2020('S1-below-line', [{ year: 2020, wage: 2999 }]),
  exit2020('S1-just-under-1.1', [{ year: 2020, wage: 3299.99 }]),
  exit2020('S1-at-1.1', [{ year: 2020, wage: 3300 }]),
  // S2: (纯收入 − 转移性收入)/人口 < L while p ≥ L; size 2.
  exit2020('S2-yes', [{ year: 2020, size: 2, wage: 5998, pension: 4002 }], { size: 2 }),
  exit2020('S2-at-line', [{ year: 2020, size: 2, wage: 6000, pension: 4000 }], { size: 2 }),
  // S3: (纯收入 − 其他转移性收入)/人口 < L (also S2, since other transfers are transfers).
  exit2020('S3-yes', [{ year: 2020, wage: 2999, otherTransfer: 2001 }]),
  exit2020('S3-at-line', [{ year: 2020, wage: 3000, otherTransfer: 2000 }]),
  // S4: p(Y) ≥ 1.5 p(Y−1) and p(Y+1) < 0.8 p(Y) where Y+1 exists.
  exit2020('S4-yes', [{ year: 2019, wage: 4000 }, { year: 2020, wage: 6000 }, { year: 2021, wage: 4799 }]),
  exit2020('S4-fallback-at-0.8', [{ year: 2019, wage: 4000 }, { year: 2020, wage: 6000 }, { year: 2021, wage: 4800 }]),
  exit2020('S4-jump-short', [{ year: 2019, wage: 4001 }, { year: 2020, wage: 6000 }]),
  exit2020('S4-no-next-row', [{ year: 2019, wage: 4000 }, { year: 2020, wage: 6000 }]),
  exit2020('S4-zero-before', [{ year: 2019, wage: 0 }, { year: 2020, wage: 6000 }]),
  // No income row in the exit year: raises nothing.
  exit2020('no-income', []),
];

// S5: five exits of 村甲 with 5000.4 / 4999.5 (both 5000 to the yuan, half up), four of 村乙, and
// one 村甲 of another township (a different village).
const S5: PairHousehold[] = [
  ...[5000.4, 4999.5, 5000, 5000.2, 5000].map((w, i) => exit2020(`V1-${i}`, [{ year: 2020, wage: w }], { village: '村甲' })),
  ...[5000, 5000, 5000, 5000].map((w, i) => exit2020(`V2-${i}`, [{ year: 2020, wage: w }], { village: '村乙' })),
  exit2020('V3-0', [{ year: 2020, wage: 5000 }], { village: '村甲', township: '石门乡' }),
  exit2020('V1-odd', [{ year: 2020, wage: 4999.49 }], { village: '村甲' }),
];

// Registered households in 2020 around the line (no exit), and one 普通农户 that bunching ignores.
const BAND: PairHousehold[] = [
  { code: 'B-2700', size: 1, status: '已脱贫（享受政策）', income: [{ year: 2020, wage: 2700 }] },
  { code: 'B-2699', size: 1, status: '已脱贫（享受政策）', income: [{ year: 2020, wage: 2699 }] },
  { code: 'B-ordinary', size: 1, type: '普通农户', status: null, attribute: null, income: [{ year: 2020, wage: 3100 }] },
];

let t: TempDb;
let id: number;
let s: SignalsResult;

const flagged = (code: string): string[] => s.households.find((h) => h.household === code)?.signals ?? [];

beforeAll(() => {
  t = tempDb();
  upsertLines(t.db, 'test', [
    { year: 2019, povertyLine: 2000, monitoringThreshold: null },
    { year: 2020, povertyLine: 3000, monitoringThreshold: null },
    { year: 2021, povertyLine: null, monitoringThreshold: 3500 },
  ]);
  id = writeSpec(t.db, { asOf: '2021-12-31', households: [...HOUSEHOLDS, ...S5, ...BAND] }, 'test');
  s = signalsOf(t.db, { snapshotId: id, listLimit: null });
});
afterAll(() => t.close());

describe('signals of calculated exits (算账式脱贫)', () => {
  it('S1 刚过线: at L yes, below L no, just under 1.1 L yes, at 1.1 L no', () => {
    expect(flagged('S1-at-line')).toContain('S1');
    expect(flagged('S1-below-line')).toEqual([]);
    expect(flagged('S1-just-under-1.1')).toContain('S1');
    expect(flagged('S1-at-1.1')).not.toContain('S1');
  });

  it('S2 靠转移过线 and S3 靠其他转移过线 hold strictly below L without the transfers', () => {
    expect(flagged('S2-yes')).toEqual(['S2']);
    expect(flagged('S2-at-line')).toEqual([]);
    expect(flagged('S3-yes')).toEqual(['S2', 'S3']);
    expect(flagged('S3-at-line')).not.toContain('S3');
  });

  it('S4 脱贫年跳升: a jump of 1.5 at least, then a fall under 0.8 where a next row exists', () => {
    expect(flagged('S4-yes')).toEqual(['S4']);
    expect(flagged('S4-fallback-at-0.8')).toEqual([]);
    expect(flagged('S4-jump-short')).toEqual([]);
    expect(flagged('S4-no-next-row')).toEqual(['S4']);
    expect(flagged('S4-zero-before')).toEqual([]);
  });

  it('S5 雷同: five exits of one village and year with the same 人均纯收入 to the yuan (half up)', () => {
    for (let i = 0; i < 5; i++) expect(flagged(`V1-${i}`), `V1-${i}`).toEqual(['S5']);
    for (let i = 0; i < 4; i++) expect(flagged(`V2-${i}`)).toEqual([]);
    expect(flagged('V3-0')).toEqual([]);
    expect(flagged('V1-odd')).toEqual([]);
  });

  it('raises nothing without an income row of the exit year, and counts every signal in 户次 and 户', () => {
    expect(flagged('no-income')).toEqual([]);
    expect(s.exits).toBe(HOUSEHOLDS.length + S5.length);
    expect(s.withoutIncome).toBe(1);
    expect(s.judged).toBe(s.exits - 1);
    expect(s.bySignal.S1).toEqual({ exits: 2, households: 2 });
    expect(s.bySignal.S2).toEqual({ exits: 2, households: 2 });
    expect(s.bySignal.S3).toEqual({ exits: 1, households: 1 });
    expect(s.bySignal.S4).toEqual({ exits: 2, households: 2 });
    expect(s.bySignal.S5).toEqual({ exits: 5, households: 5 });
    expect(s.anySignal.exits).toBe(2 + 2 + 2 + 5);
    expect(s.anySignal.share).toBeCloseTo(11 / s.exits, 12);
    const county2020 = s.byArea.find((r) => r.year === 2020 && r.township === null);
    expect(county2020).toMatchObject({ exits: s.exits, S5: 5, any: 11 });
    expect(s.byArea.find((r) => r.year === 2020 && r.township === '石门乡')).toMatchObject({ exits: 1, any: 0 });
    expect(s.households.find((h) => h.household === 'V1-0')?.reasons[0]).toContain('同为 5000 元');
  });

  it('measures bunching among registered households: [L, 1.1 L) over [0.9 L, L), 普通农户 left out', () => {
    const b = s.bunching.find((x) => x.year === 2020 && x.township === null);
    // Above: S1-at-line 3000, S1-just-under-1.1 3299.99, S3-at-line 3000 (5000? no: p = 5000), S2-at-line p = 5000 no.
    const above = ['S1-at-line', 'S1-just-under-1.1'].length;
    // Below: S1-below-line 2999, S3-yes? p = 5000 no; B-2700 yes (2700 = 0.9 L), B-2699 no.
    const below = ['S1-below-line', 'B-2700'].length;
    expect(b).toMatchObject({ line: 3000, above, below, ratio: above / below });
    const bins = s.histogram.find((h) => h.year === 2020)?.bins ?? [];
    expect(bins).toHaveLength(30);
    // p/L = 0.9 → bin [0.9, 0.92); 1.0 → [1.0, 1.02); 1.09999… → [1.08, 1.1); 1.1 (S1-at-1.1) → [1.1, 1.12).
    expect(bins.find((x) => x.from === 0.9)?.households).toBe(1);
    expect(bins.find((x) => x.from === 1)?.households).toBe(1);
    expect(bins.find((x) => x.from === 1.08)?.households).toBe(1);
    expect(bins.find((x) => x.from === 1.1)?.households).toBe(1);
    const side = signalHouseholds(t.db, { snapshotId: id, selection: { kind: 'band', year: 2020, fromRatio: 0.9, toRatio: 1 } });
    expect(side.band.map((h) => h.household).sort()).toEqual(['B-2700', 'S1-below-line']);
    // Each bin counts exactly the households its drill lists (the same limits, rounded to 10⁻⁶): on the
    // demo county p = 2398.2 = 0.84 × 2855 fell in [0.82, 0.84) when the bin was computed as a float.
    for (const bin of bins) {
      const selection = { kind: 'band', year: 2020, fromRatio: bin.from, toRatio: bin.to } as const;
      const drill = signalHouseholds(t.db, { snapshotId: id, selection });
      expect(drill.total, `bin ${bin.from}`).toBe(bin.households);
    }
  });

  it('drills a signal of a year and township to its households', () => {
    const d = signalHouseholds(t.db, { snapshotId: id, selection: { kind: 'signal', signal: 'S4', year: 2020 } });
    expect(d.total).toBe(2);
    expect(d.exits.map((e) => e.household).sort()).toEqual(['S4-no-next-row', 'S4-yes']);
    expect(d.exits[0]?.reasons[0]).toMatch(/^S4 脱贫年跳升：上年 4000 元 → 当年 6000 元/);
  });

  it('gives the same answer through event_exit and the file mapped as on the plain path without them', () => {
    expect(t.db.pragma('mmap_size', { simple: true })).toBe(0);
    // A second connection builds its own signal table; without the index its exits come in year order.
    const plain = openDatabase(t.db.name);
    try {
      plain.exec('DROP INDEX event_exit');
      const p = signalsOf(plain, { snapshotId: id, listLimit: null });
      const list = signalHouseholds(plain, { snapshotId: id, selection: { kind: 'signal', signal: 'any' } });
      expect({ ...p, elapsedMs: 0 }).toEqual({ ...s, elapsedMs: 0 });
      expect(list).toEqual(signalHouseholds(t.db, { snapshotId: id, selection: { kind: 'signal', signal: 'any' } }));
      expect(p.households.length).toBeGreaterThan(10);
    } finally {
      plain.exec(migration017.sql);
      plain.close();
    }
  });

  it('answers the same figures without a list when none is asked for (listLimit 0, as the page asks)', () => {
    const bare = signalsOf(t.db, { snapshotId: id, listLimit: 0 });
    expect(bare.households).toEqual([]);
    expect(bare.flaggedTotal).toBe(s.households.length);
    expect({ ...bare, households: s.households, elapsedMs: 0 }).toEqual({ ...s, elapsedMs: 0 });
  });

  it('sums its exit totals from the by-year rows: judged without a line, without income, per signal', () => {
    const exitIn = (code: string, year: number, income: IncomeSpec[]): PairHousehold =>
      exit2020(code, income, { exitYear: year, events: [[2014, '识别'], [year, '脱贫']] });
    const other = writeSpec(t.db, {
      asOf: '2022-12-31',
      households: [
        exitIn('L-2020', 2020, [{ year: 2020, wage: 3100 }]),
        exitIn('L-2021', 2021, [{ year: 2021, wage: 3600 }]),
        // 2022 has no line in the set: judged (an income row) but S1–S3 not, and in withoutLine.
        exitIn('N-2022', 2022, [{ year: 2022, wage: 3100 }]),
        exitIn('N-2022-b', 2022, [{ year: 2021, wage: 2000 }, { year: 2022, wage: 3100 }]),
        exitIn('N-2022-none', 2022, []),
      ],
    }, 'test');
    const o = signalsOf(t.db, { snapshotId: other, listLimit: null });
    expect(o).toMatchObject({ exits: 5, judged: 4, withoutIncome: 1, withoutLine: 2 });
    expect(o.koujing.notes.some((n) => n.includes('有 2 户次脱贫所在年度没有标准值'))).toBe(true);
    for (const sig of ['S1', 'S2', 'S3', 'S4', 'S5'] as const) {
      const listed = o.households.filter((h) => h.signals.includes(sig));
      const households = new Set(listed.map((h) => h.household)).size;
      expect(o.bySignal[sig], sig).toEqual({ exits: listed.length, households });
    }
    expect(o.bySignal.S1.exits).toBe(2);
    expect(o.bySignal.S4.exits).toBe(1);
    expect(o.anySignal.exits).toBe(o.households.length);
    const byYear = o.byArea.filter((r) => r.township === null).map((r) => [r.year, r.exits]);
    expect(byYear).toEqual([[2020, 1], [2021, 1], [2022, 3]]);
  });

  it('takes its thresholds from the settings, shown in the 口径', () => {
    expect(getThresholds(t.db)).toEqual(DEFAULT_SIGNAL_THRESHOLDS);
    expect(s.koujing.notes[0]).toContain('L ≤ p < 1.1L');
    setThresholds(t.db, { ...DEFAULT_SIGNAL_THRESHOLDS, nearLine: 1.2, identical: 6 });
    try {
      const wider = signalsOf(t.db, { snapshotId: id, listLimit: null });
      expect(wider.thresholds.nearLine).toBe(1.2);
      expect(wider.households.find((h) => h.household === 'S1-at-1.1')?.signals).toContain('S1');
      expect(wider.bySignal.S5.exits).toBe(0);
      expect(wider.koujing.notes[0]).toContain('L ≤ p < 1.2L');
    } finally {
      setThresholds(t.db, DEFAULT_SIGNAL_THRESHOLDS);
    }
  });
});
