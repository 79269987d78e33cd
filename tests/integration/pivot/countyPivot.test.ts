import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult, PivotSpecInput } from '../../../shared/api/pivot';
import type { Reconciliation } from '../../../shared/api/reconcile';
import { answerFromWire } from '../../../shared/api/wire';
import { membersLine } from '../../../shared/format/reconcileText';
import { runCli } from '../../../electron/cli/main';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import { dispatch } from '../../../electron/core/service/service';
import type { ServiceContext } from '../../../electron/core/service/context';

/*
 * The pivot's 县 dimension across counties: two demo counties of different codes, pivoted over the
 * newest snapshot of each. Every county's rows must be its own single-county pivot's; the totals
 * over both counties the pooled sums (人均纯收入 = Σ纯收入 ÷ Σ人口, shares of the pooled total).
 */

let dir: string;
let db: Db;
let ctx: ServiceContext;
const SNAPSHOTS = { 青山县: 1, 绿水县: 2 } as const;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-county-pivot-'));
  db = openDatabase(join(dir, 'two.sqlite'));
  await writeDemoSnapshot(db, { households: 500, seed: 3 });
  await writeDemoSnapshot(db, { households: 400, seed: 7, county: { code: '532998', name: '绿水县' } });
  ctx = { db, databasePath: join(dir, 'two.sqlite'), jobs: new JobRunner(), host: 'cli', workDir: dir };
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function pivot(request: Record<string, unknown>): Promise<PivotResult> {
  const answer = await dispatch(ctx, 'pivot.run', request as never);
  if (!answer.ok) throw new Error(answer.error.message);
  const result = answerFromWire('pivot.run', answer.data);
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

type Row = Record<string, unknown>;
const named = (r: PivotResult, rows: readonly (readonly unknown[])[]): Row[] =>
  rows.map((row) => Object.fromEntries(r.fields.map((f, i) => [f, row[i]])));

describe('pivot across counties: the implied income year', () => {
  it('counts the households it removes over both counties, as each county’s own pivot does', async () => {
    const spec: PivotSpecInput = { rows: ['township'], values: [{ measure: 'households' }, { measure: 'perCapitaIncome' }] };
    const across = await pivot({ spec: { ...spec, rows: ['county'] }, acrossCounties: true });
    const own = await Promise.all(Object.values(SNAPSHOTS).map((snapshotId) => pivot({ spec, snapshotId })));
    const filters = own.map((r) => r.meta.incomeFilter);
    expect(filters.every((f) => f !== null)).toBe(true);
    const sum = (pick: (f: NonNullable<PivotResult['meta']['incomeFilter']>) => number): number =>
      filters.reduce((s, f) => s + (f ? pick(f) : 0), 0);
    expect(across.meta.incomeFilter).toMatchObject({
      year: own[0]?.meta.incomeYear, households: sum((f) => f.households), persons: sum((f) => f.persons),
      keptHouseholds: sum((f) => f.keptHouseholds), keptPersons: sum((f) => f.keptPersons),
    });
    expect(sum((f) => f.households)).toBeGreaterThan(sum((f) => f.keptHouseholds));
  });
});

describe('pivot across counties (县 dimension)', () => {
  const spec: PivotSpecInput = {
    rows: ['county', 'township'],
    values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'perCapitaIncome' }, { measure: 'persons', share: 'grand' }],
    year: 2023,
    totals: true,
  };

  it('gives each county the figures of its own pivot, and the total from the pooled sums', async () => {
    const across = await pivot({ spec, acrossCounties: true });
    const cells = named(across, across.rows);
    expect(new Set(cells.map((c) => c.county))).toEqual(new Set(['青山县', '绿水县']));
    let persons = 0;
    let net = 0;
    for (const [county, snapshotId] of Object.entries(SNAPSHOTS)) {
      const single = await pivot({ spec: { ...spec, rows: ['township'] }, snapshotId });
      const own = named(single, single.rows);
      const mine = cells.filter((c) => c.county === county);
      expect(mine.map((c) => [c.township, c.households, c.persons, c.perCapitaIncome]))
        .toEqual(own.map((c) => [c.township, c.households, c.persons, c.perCapitaIncome]));
      // The county's subtotal is its single pivot's grand total.
      const sub = named(across, across.totals).find((t) => t.county === county && t.township === null) as Row;
      const grand = named(single, single.totals).find((t) => t.township === null) as Row;
      expect([sub.households, sub.persons, sub.perCapitaIncome])
        .toEqual([grand.households, grand.persons, grand.perCapitaIncome]);
      persons += grand.persons as number;
      net += (grand.perCapitaIncome as number) * (grand.persons as number);
    }
    const total = named(across, across.totals).find((t) => t.county === null && t.township === null) as Row;
    expect(total.persons).toBe(persons);
    expect(total.perCapitaIncome as number).toBeCloseTo(net / persons, 9);
    // A share of the pooled total: the two counties' subtotals add up to 1.
    const subs = named(across, across.totals).filter((t) => t.county !== null && t.township === null);
    expect(subs.reduce((s, t) => s + (t.personsShare as number), 0)).toBeCloseTo(1, 12);
    expect(across.meta.koujing.notes.join('')).toContain('跨县透视');
  });

  it('counts distinct households of members across counties by adding the counties\' own counts', async () => {
    const memberSpec: PivotSpecInput = { rows: ['county'], columns: ['sex'], values: [{ measure: 'members' }, { measure: 'households' }], totals: true };
    const across = await pivot({ spec: memberSpec, acrossCounties: true });
    let households = 0;
    for (const snapshotId of Object.values(SNAPSHOTS)) {
      const single = await pivot({ spec: { ...memberSpec, rows: [] }, snapshotId });
      const grand = named(single, single.totals).find((t) => t.sex === null) as Row;
      households += grand.households as number;
    }
    const total = named(across, across.totals).find((t) => t.county === null && t.sex === null) as Row;
    expect(total.households).toBe(households);
  });

  it('reconciles each county\'s 人数 with its member rows in the 口径, from snapshots.reconcile (#13)', async () => {
    const across = await pivot({
      spec: { rows: ['county'], values: [{ measure: 'persons' }, { measure: 'households' }], totals: true },
      acrossCounties: true,
    });
    const notes = across.meta.koujing.notes.filter((n) => n.includes('成员表'));
    expect(notes).toHaveLength(Object.keys(SNAPSHOTS).length);
    for (const [county, snapshotId] of Object.entries(SNAPSHOTS)) {
      const answer = await dispatch(ctx, 'snapshots.reconcile', { id: snapshotId } as never);
      if (!answer.ok) throw new Error(answer.error.message);
      const r = answer.data as Reconciliation;
      const note = notes.find((n) => n.startsWith(county)) ?? '';
      expect(note).toBe(`${county}全快照（不计筛选）：${membersLine(r)}`);
      // The line's figures are this county's: Σ家庭人口数 (the row's 人数, unfiltered) and its member rows.
      const figures = [...note.matchAll(/([\d,]+) 人/g)].map((m) => Number((m[1] ?? '').replace(/,/g, '')));
      expect(figures.slice(0, 2)).toEqual([r.all.persons, r.members.memberRows]);
      expect(named(across, across.rows).find((row) => row.county === county)?.persons).toBe(r.all.persons);
    }
    // No 人数 shown, or an income pivot's 人数 (the income rows'): no line.
    const households = await pivot({ spec: { rows: ['county'], values: [{ measure: 'households' }] }, acrossCounties: true });
    expect(households.meta.koujing.notes.some((n) => n.includes('成员表'))).toBe(false);
    const income = await pivot({
      spec: { rows: ['county'], values: [{ measure: 'persons' }, { measure: 'perCapitaIncome' }], year: 2023 },
      acrossCounties: true,
    });
    expect(income.meta.koujing.notes.some((n) => n.includes('成员表'))).toBe(false);
  });

  it('refuses a median that a total over counties would need, in Chinese', async () => {
    const answer = await dispatch(ctx, 'pivot.run', {
      spec: { rows: ['county'], values: [{ measure: 'medianPerCapitaIncome' }], year: 2023, totals: true },
      acrossCounties: true,
    } as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(answer.ok ? '' : answer.error.message).toContain('中位数');
    // Without a total, each county's median is its own.
    const own = await pivot({ spec: { rows: ['county'], values: [{ measure: 'medianPerCapitaIncome' }], year: 2023 }, acrossCounties: true });
    for (const [county, snapshotId] of Object.entries(SNAPSHOTS)) {
      const single = await pivot({ spec: { rows: [], values: [{ measure: 'medianPerCapitaIncome' }], year: 2023 }, snapshotId });
      expect(named(own, own.rows).find((r) => r.county === county)?.medianPerCapitaIncome).toBe(single.rows[0]?.[0]);
    }
  });

  it('is asked from the command line with --across-counties', async () => {
    const specFile = join(dir, 'county.json');
    writeFileSync(specFile, JSON.stringify({ rows: ['county'], values: [{ measure: 'households' }], totals: true }));
    let out = '';
    const code = await runCli(['pivot', '--db', ctx.databasePath, '--spec', specFile, '--across-counties', '--json'],
      { out: (t) => { out += t; }, err: () => undefined });
    expect(code).toBe(0);
    const result = JSON.parse(out) as PivotResult;
    expect(result.rows.map((r) => r[0]).sort()).toEqual(['绿水县', '青山县']);
    expect(result.totals[0]?.[1]).toBe(900);
  });
});
