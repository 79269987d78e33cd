import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotMeta, PivotResult, PivotSpecInput } from '../../../shared/api/pivot';
import { decodeFloat64Base64, encodeFloat64Base64 } from '../../../shared/api/float64Base64';
import { PivotResultWire, pivotResultWire } from '../../../shared/api/pivotWire';
import { answerFromWire, answerToWire } from '../../../shared/api/wire';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import { runPivot } from '../../../electron/core/pivot/runPivot';
import { dispatch } from '../../../electron/core/service/service';
import { tempCounty, type TempDb } from './support/pivotCounty';

const META: PivotMeta = {
  snapshotId: 1, county: '测试县', asOf: '2023-12-31', incomeYear: 2020, incomeYears: [2020],
  incomeYearSource: 'spec', grain: 'income', elapsedMs: 1.5, lineSet: { name: 'national', label: '国家标准' },
  fieldInfo: [], koujing: { population: '户', filters: '全县', incomeYear: null, dimensions: [], measures: [], notes: ['注'] },
  source: '明细表', rowCount: 4, totalCount: 3,
  incomeFilter: { year: 2020, source: 'spec', households: 9, persons: 30, keptHouseholds: 8, keptPersons: 27 },
};

/** Keys of every kind (text, years beside a blank's label), a value column with blanks and one with text. */
const RESULT: PivotResult = {
  fields: ['village', 'exitYear', 'households', 'perCapitaIncome', 'note'],
  rows: [
    ['一村', 2016, 2, 4300.5, 'a'],
    ['一村', '（未填）', 1, null, 1],
    ['二村', 2016, 0, null, null],
    ['二村', 2017, 3, -0.25, '1'],
  ],
  totals: [
    [null, null, 6, 1200.125, null],
    ['一村', null, 3, 4300.5, 'a'],
    [null, 2016, 2, null, 2],
  ],
  meta: META,
};

/** What a reader gets: the wire form through JSON, checked and decoded as the page's client does. */
function travelled(result: PivotResult): PivotResult {
  const sent = answerToWire('pivot.run', result);
  if (!sent.ok) throw new Error(sent.message);
  const read = answerFromWire('pivot.run', JSON.parse(JSON.stringify(sent.data)) as unknown);
  if (!read.ok) throw new Error(read.message);
  return read.data;
}

describe('pivot.run travels by columns (shared/api/pivotWire.ts)', () => {
  it('gives back the long form exactly: blanks, text in a value column, totals whose null keys mean all', () => {
    expect(travelled(RESULT)).toEqual(RESULT);
    const back = travelled(RESULT);
    // 1 and '1' stay a number and a text; a blank stays null, never 0.
    expect(back.rows[1]?.[4]).toBe(1);
    expect(back.rows[3]?.[4]).toBe('1');
    expect(back.rows[2]?.[3]).toBeNull();
    expect(back.rows[2]?.[2]).toBe(0);
  });

  it('sends whole numbers as numbers, fractions as the bytes of their doubles, the others as codes', () => {
    const wire = pivotResultWire.encode(RESULT);
    expect(wire.rows.columns.map((c) => c.kind)).toEqual(['coded', 'coded', 'numbers', 'doubles', 'coded']);
    expect(wire.rows.columns[0]).toEqual({ kind: 'coded', cells: ['一村', '二村'], codes: [0, 0, 1, 1] });
    expect(wire.rows.columns[2]).toEqual({ kind: 'numbers', numbers: [2, 1, 0, 3], nulls: [] });
    // Little-endian IEEE 754 bytes, as Node's own Float64Array and base64 give them (0 in a blank's place).
    const bytes = Buffer.from(new Float64Array([4300.5, 0, 0, -0.25]).buffer).toString('base64');
    expect(wire.rows.columns[3]).toEqual({ kind: 'doubles', base64: bytes, nulls: [1, 2] });
    expect(wire.totals.columns[0]).toEqual({ kind: 'coded', cells: [null, '一村'], codes: [0, 1, 0] });
  });

  it('gives back doubles exactly to the bit: -0, the smallest and largest, long fractions, blanks', () => {
    const values = [-0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308,
      0.1 + 0.2, 12345.678901234567, 1 / 3, -1e-300, 2 ** 53 + 2, null, 7];
    const result: PivotResult = {
      fields: ['k', 'v', 'w'],
      rows: values.map((v, i) => [`k${i}`, v, i % 2 === 0 ? -0 : i]),
      totals: [[null, -0, null]],
      meta: { ...META, rowCount: values.length, totalCount: 1 },
    };
    const wire = pivotResultWire.encode(result);
    // A column of whole numbers with a -0 goes as bytes too: JSON would bring -0 back as 0.
    expect(wire.rows.columns.map((c) => c.kind)).toEqual(['coded', 'doubles', 'doubles']);
    const back = travelled(result);
    back.rows.forEach((row, i) => row.forEach((v, j) => expect(Object.is(v, result.rows[i]?.[j])).toBe(true)));
    expect(Object.is(back.totals[0]?.[1], -0)).toBe(true);
    expect(back.totals[0]?.[2]).toBeNull();
    expect(back).toEqual(result);
  });

  it('refuses NaN and the infinities, whether the host is asked to send them or a wire form carries them', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const answer = { ...RESULT, rows: RESULT.rows.map((r, i) => (i === 3 ? [r[0], r[1], r[2], bad, r[4]] : r)) };
      expect(answerToWire('pivot.run', answer)).toEqual({ ok: false, message: '透视结果含有非有限的数值' });
      const wire = JSON.parse(JSON.stringify(pivotResultWire.encode(RESULT))) as PivotResultWire;
      wire.rows.columns[3] = { kind: 'doubles', base64: encodeFloat64Base64(4, (i) => (i === 0 ? bad : 1.5)), nulls: [] };
      expect(PivotResultWire.safeParse(wire).success).toBe(true);
      expect(answerFromWire('pivot.run', wire)).toEqual({ ok: false, message: '小数列含有非有限的数值' });
    }
  });

  it('refuses doubles whose bytes are not eight a row or not base64', () => {
    const good = JSON.parse(JSON.stringify(pivotResultWire.encode(RESULT))) as PivotResultWire;
    const withDoubles = (base64: string): ReturnType<typeof answerFromWire<'pivot.run'>> => {
      const w = JSON.parse(JSON.stringify(good)) as PivotResultWire;
      w.rows.columns[3] = { kind: 'doubles', base64, nulls: [1, 2] };
      return answerFromWire('pivot.run', w);
    };
    const four = encodeFloat64Base64(4, (i) => i + 0.5);
    expect(withDoubles(four).ok).toBe(true);
    expect(withDoubles(encodeFloat64Base64(3, (i) => i + 0.5))).toEqual({ ok: false, message: '小数列的长度与行数不一致' });
    expect(withDoubles(encodeFloat64Base64(5, (i) => i + 0.5)).ok).toBe(false);
    expect(withDoubles(`${four.slice(0, -4)}AAAA`).ok).toBe(false); // padding missing: 33 bytes, not 32
    expect(withDoubles(`!${four.slice(1)}`)).toEqual({ ok: false, message: '小数列不是有效的 base64 数据' });
    expect(withDoubles(`村${four.slice(1)}`)).toEqual({ ok: false, message: '小数列不是有效的 base64 数据' });
    expect(withDoubles(`${four.slice(0, -1)}A`)).toEqual({ ok: false, message: '小数列不是有效的 base64 数据' });
  });

  it('gives back an empty result', () => {
    const empty: PivotResult = { fields: ['township', 'households'], rows: [], totals: [], meta: { ...META, rowCount: 0, totalCount: 0 } };
    expect(travelled(empty)).toEqual(empty);
  });

  it('refuses a row whose width is not the fields’ and a wire form that would not decode', () => {
    const ragged = answerToWire('pivot.run', { ...RESULT, rows: [['一村', 2016, 2]] });
    expect(ragged).toEqual({ ok: false, message: '透视结果的行宽与字段数（5）不一致' });
    const good = pivotResultWire.encode(RESULT);
    const broken = (edit: (w: PivotResultWire) => void): boolean => {
      const w = JSON.parse(JSON.stringify(good)) as PivotResultWire;
      edit(w);
      return answerFromWire('pivot.run', w).ok;
    };
    expect(broken(() => undefined)).toBe(true);
    expect(broken((w) => { w.rows.length = 5; })).toBe(false);
    expect(broken((w) => { w.rows.columns.pop(); })).toBe(false);
    expect(broken((w) => { (w.rows.columns[0] as { codes: number[] }).codes[0] = 2; })).toBe(false);
    expect(broken((w) => { (w.rows.columns[0] as { codes: number[] }).codes[0] = 0.5; })).toBe(false);
    expect(broken((w) => { (w.rows.columns[3] as { nulls: number[] }).nulls.push(4); })).toBe(false);
    expect(broken((w) => { (w.totals.columns[2] as { numbers: unknown[] }).numbers[0] = '6'; })).toBe(false);
    expect(broken((w) => { w.meta.rowCount = 1.5; })).toBe(false);
  });
});

describe('doubles as base64 (shared/api/float64Base64.ts)', () => {
  it('equals Node’s Float64Array bytes in base64 for every padding, and reads them back', () => {
    const values = [Math.PI, -0, 5e-324, 1e308, -2.5, 0.1, 42, 1 / 7, -123456.789];
    for (let n = 0; n <= values.length; n++) {
      const text = encodeFloat64Base64(n, (i) => values[i] as number);
      expect(text).toBe(Buffer.from(new Float64Array(values.slice(0, n)).buffer).toString('base64'));
      const back = decodeFloat64Base64(text, n);
      expect(back && Array.from(back).every((v, i) => Object.is(v, values[i]))).toBe(true);
      expect(decodeFloat64Base64(text, n + 1)).toBeNull();
    }
  });

  it('reads any bit pattern, NaN included: what a value may be is the reader’s check', () => {
    const back = decodeFloat64Base64(encodeFloat64Base64(3, (i) => [Number.NaN, Infinity, -Infinity][i] as number), 3);
    expect(back && Array.from(back)).toEqual([Number.NaN, Infinity, -Infinity]);
  });
});

describe('pivot.run through dispatch()', () => {
  let county: TempDb;
  beforeAll(() => {
    county = tempCounty();
  });
  afterAll(() => county.close());

  it('answers the wire form, which reads back as the engine’s own long form', async () => {
    const spec: PivotSpecInput = {
      rows: ['township', 'village'], columns: ['exitYear'],
      values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'perCapitaIncome' }, { measure: 'households', share: 'row' }],
      year: 2020, totals: true,
    };
    // First the engine's own answer: it builds the snapshot's tables, which its 口径 then says once.
    const core = runPivot(county.db, { spec });
    const ctx = { db: county.db, databasePath: county.path, jobs: new JobRunner(), host: 'http' as const, workDir: county.dir };
    const answer = await dispatch(ctx, 'pivot.run', { spec });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(PivotResultWire.safeParse(answer.data).success).toBe(true);
    const read = answerFromWire('pivot.run', JSON.parse(JSON.stringify(answer.data)) as unknown);
    if (!read.ok) throw new Error(read.message);
    const timeless = (r: PivotResult): PivotResult => ({ ...r, meta: { ...r.meta, elapsedMs: 0 } });
    expect(timeless(read.data)).toEqual(timeless(runPivot(county.db, { spec })));
    expect(timeless(read.data).rows).toEqual(core.rows);
    expect(core.rows.length).toBeGreaterThan(3);
    expect(core.totals.length).toBeGreaterThan(3);
  });
});
