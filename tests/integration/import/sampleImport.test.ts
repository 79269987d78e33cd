import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { listSnapshots } from '../../../electron/core/db/snapshotRepo';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { makeTempDir } from './support/tempDir';

const SAMPLE = join(__dirname, '..', '..', 'fixtures', 'tiny-county.xlsx');
const tmp = makeTempDir('sample');
afterAll(() => tmp.remove());

interface EventKey { code: string; year: number; type: string }

function eventKeys(db: ReturnType<typeof openDatabase>, snapshotId: number): string[] {
  return (db.prepare(`SELECT h.code, e.year, e.type FROM event e JOIN household h ON h.id = e.household_id WHERE e.snapshot_id = ? ORDER BY 1, 2, 3`)
    .all(snapshotId) as EventKey[]).map((e) => `${e.code} ${e.year} ${e.type}`);
}

describe('the tiny-county sample', () => {
  it('imports 60 households, 200 members and 546 income rows with its county, code and export date', async () => {
    const db = openDatabase(tmp.path('a.sqlite'));
    const r = await importSnapshot(db, SAMPLE);
    expect(r.errors).toEqual([]);
    expect(r.snapshotId).not.toBeNull();
    expect(r.counts).toMatchObject({ households: 60, persons: 200, incomeRows: 546 });
    const [s] = listSnapshots(db);
    expect(s).toMatchObject({ countyName: '云岭县', countyCode: '530999', asOf: '2023-12-31', households: 60, persons: 200, incomeRows: 546,
      sourceName: 'tiny-county.xlsx', eventsDerived: false, keepNames: true });
    expect(s?.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    // The 合计 row under the income table is not data, and aliases (五保金, 养老金) landed in their columns.
    const sums = db.prepare('SELECT sum(tekun) AS tekun, sum(pension) AS pension, count(*) AS n FROM income').get() as { tekun: number; pension: number; n: number };
    expect(sums.n).toBe(546);
    expect(sums.tekun).toBeGreaterThan(0);
    expect(sums.pension).toBeGreaterThan(0);
    // The same file again is a second snapshot, with a warning naming the first.
    const again = await importSnapshot(db, SAMPLE);
    expect(again.warnings.find((w) => w.code === 'source.alreadyImported')?.message).toMatch(`快照 #${r.snapshotId}`);
    db.close();
  });

  it('stores no full ID number, only a keyed hash and the masked form, and birth date and sex from the ID', async () => {
    const db = openDatabase(tmp.path('b.sqlite'));
    await importSnapshot(db, SAMPLE);
    const p = db.prepare(`SELECT id_masked, birth_date, sex, length(id_hash) AS hl FROM person WHERE id_masked LIKE '530999**********88' AND birth_date = '1954-08-14'`).get() as
      { id_masked: string; birth_date: string; sex: string; hl: number };
    expect(p).toEqual({ id_masked: '530999**********88', birth_date: '1954-08-14', sex: '女', hl: 16 });
    const dump = JSON.stringify(db.prepare('SELECT * FROM person').all()) + JSON.stringify(db.prepare('SELECT * FROM household').all());
    expect(dump).not.toContain('530999195408141788');
    db.close();
  });

  it('keeps no names when 保留姓名 is off', async () => {
    const db = openDatabase(tmp.path('c.sqlite'));
    await importSnapshot(db, SAMPLE, { keepNames: false });
    const n = db.prepare('SELECT (SELECT count(*) FROM person WHERE name IS NOT NULL) + (SELECT count(*) FROM household WHERE head_name IS NOT NULL) AS n').get() as { n: number };
    expect(n.n).toBe(0);
    expect(listSnapshots(db)[0]?.keepNames).toBe(false);
    db.close();
  });

  it('derives from 户信息, without the 状态变化 sheet, the events the sheet records (re-exits aside)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SAMPLE);
    wb.removeWorksheet(wb.getWorksheet('状态变化')?.id ?? -1);
    const file = tmp.path('no-events.xlsx');
    await wb.xlsx.writeFile(file);
    const db = openDatabase(tmp.path('d.sqlite'));
    const recorded = await importSnapshot(db, SAMPLE);
    const derived = await importSnapshot(db, file);
    expect(derived.errors).toEqual([]);
    const fromSheet = eventKeys(db, recorded.snapshotId as number);
    const fromHouseholds = eventKeys(db, derived.snapshotId as number);
    expect(listSnapshots(db).find((s) => s.id === derived.snapshotId)?.eventsDerived).toBe(true);
    // Every derived event is one the sheet records, except 自然减少 whose year 户信息 does not give.
    const dated = (keys: string[]) => keys.filter((k) => !k.endsWith('自然减少') && !k.endsWith('清退'));
    const missing = dated(fromSheet).filter((k) => !fromHouseholds.includes(k));
    expect(dated(fromHouseholds).filter((k) => !fromSheet.includes(k))).toEqual([]);
    // What the sheet has beyond 户信息: only exits that 户信息 cannot date (the first exit before a 返贫).
    expect(missing.length).toBeGreaterThan(0);
    for (const k of missing) expect(k).toMatch(/ 脱贫$/);
    expect(derived.warnings.filter((w) => w.code === 'events.exitUndated' || w.code === 'events.reexitUndated').length).toBe(missing.length);
    db.close();
  });
});
