import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { type CsvEncoding, writeCsvFolder, writeCsvZip } from './support/csvFiles';
import { makeTempDir } from './support/tempDir';
import { smallCounty, writeWorkbook } from './support/workbooks';

const tmp = makeTempDir('csv');
afterAll(() => tmp.remove());

/** The rows of the latest snapshot, without ids, in a stable order: two imports agree iff these do. */
function rowsOf(db: Db, snapshotId: number): unknown {
  return {
    households: db.prepare(`SELECT code, county, township, village, area_code, head_name, head_id_masked, size, type, attribute, main_cause,
      identified_year, status, exit_year, return_year, return_cause FROM household WHERE snapshot_id = ? ORDER BY code`).all(snapshotId),
    persons: db.prepare(`SELECT h.code, p.name, p.id_masked, p.sex, p.birth_date, p.relation, p.labour FROM person p JOIN household h ON h.id = p.household_id
      WHERE p.snapshot_id = ? ORDER BY p.id_masked`).all(snapshotId),
    income: db.prepare(`SELECT h.code, i.year, i.size, i.wage, i.business, i.business_cost, i.property, i.transfer, i.dibao, i.tekun, i.net, i.per_capita
      FROM income i JOIN household h ON h.id = i.household_id WHERE i.snapshot_id = ? ORDER BY h.code, i.year`).all(snapshotId),
    events: db.prepare(`SELECT h.code, e.year, e.type, e.reason FROM event e JOIN household h ON h.id = e.household_id WHERE e.snapshot_id = ?
      ORDER BY h.code, e.year, e.type`).all(snapshotId),
  };
}

describe('CSV sets', () => {
  const county = smallCounty();
  let reference: unknown;

  it('the workbook of the same county imports (the reference for the CSV sets)', async () => {
    const db = openDatabase(tmp.path('ref.sqlite'));
    const file = tmp.path('county.xlsx');
    await writeWorkbook(file, county);
    const r = await importSnapshot(db, file);
    expect(r.errors).toEqual([]);
    reference = rowsOf(db, r.snapshotId as number);
    expect(r.counts).toMatchObject({ households: 3, persons: 5, incomeRows: 5 });
    db.close();
  });

  for (const encoding of ['utf8', 'utf8bom', 'gbk'] as CsvEncoding[]) {
    it(`a folder of ${encoding} CSV files gives the same rows as the workbook`, async () => {
      const dir = tmp.path(`folder-${encoding}`);
      writeCsvFolder(dir, county, encoding);
      const db = openDatabase(tmp.path(`folder-${encoding}.sqlite`));
      const r = await importSnapshot(db, dir);
      expect(r.errors).toEqual([]);
      expect(rowsOf(db, r.snapshotId as number)).toEqual(reference);
      db.close();
    });

    it(`a .zip of ${encoding} CSV files gives the same rows as the workbook`, async () => {
      const zip = tmp.path(`set-${encoding}.zip`);
      await writeCsvZip(zip, county, encoding);
      const db = openDatabase(tmp.path(`zip-${encoding}.sqlite`));
      const r = await importSnapshot(db, zip);
      expect(r.errors).toEqual([]);
      expect(rowsOf(db, r.snapshotId as number)).toEqual(reference);
      db.close();
    });
  }

  it('derives the events of a re-exit: 返贫 2018 before 脱贫 2019 records both and warns of the undated first exit', async () => {
    const db = openDatabase(tmp.path('events.sqlite'));
    const dir = tmp.path('folder-events');
    writeCsvFolder(dir, county, 'utf8');
    const r = await importSnapshot(db, dir);
    const events = (rowsOf(db, r.snapshotId as number) as { events: {
      code: string; year: number; type: string; reason: string | null;
    }[] }).events;
    expect(events.filter((e) => e.code === 'H002')).toEqual([
      { code: 'H002', year: 2014, type: '识别', reason: null },
      { code: 'H002', year: 2016, type: '脱贫', reason: null },
      { code: 'H002', year: 2018, type: '返贫', reason: '因病' },
    ]);
    expect(events.filter((e) => e.code === 'H003')).toEqual([
      { code: 'H003', year: 2015, type: '识别', reason: null },
      { code: 'H003', year: 2018, type: '返贫', reason: '因自然灾害' },
      { code: 'H003', year: 2019, type: '脱贫', reason: null },
    ]);
    expect(r.warnings.filter((w) => w.code === 'events.exitUndated').map((w) => w.row)).toEqual([4]);
    db.close();
  });
});
