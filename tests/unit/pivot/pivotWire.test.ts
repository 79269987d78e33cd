import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotMeta, PivotResult, PivotSpecInput } from '../../../shared/api/pivot';
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

  it('sends numeric columns as numbers and the others as codes of their distinct cells', () => {
    const wire = pivotResultWire.encode(RESULT);
    expect(wire.rows.columns.map((c) => c.kind)).toEqual(['coded', 'coded', 'numbers', 'numbers', 'coded']);
    expect(wire.rows.columns[0]).toEqual({ kind: 'coded', cells: ['一村', '二村'], codes: [0, 0, 1, 1] });
    expect(wire.rows.columns[3]).toEqual({ kind: 'numbers', numbers: [4300.5, 0, 0, -0.25], nulls: [1, 2] });
    expect(wire.totals.columns[0]).toEqual({ kind: 'coded', cells: [null, '一村'], codes: [0, 1, 0] });
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
