import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { getSnapshot } from '../../../electron/core/db/snapshotRepo';
import { demoCounty } from '../../../electron/core/demo/demoCounty';
import { demoRowSource } from '../../../electron/core/demo/demoRowSource';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { writeTemplateCsv } from '../../../electron/core/template/writeTemplateCsv';
import { writeTemplateWorkbook } from '../../../electron/core/template/writeTemplateWorkbook';
import { snapshotContents as contents } from './support/snapshotContents';
import { makeTempDir } from './support/tempDir';

const tmp = makeTempDir('roundtrip');
afterAll(() => tmp.remove());

describe('demo county → template files → import', () => {
  const options = { households: 300, seed: 7 };

  it('gives back the rows the demo generator wrote, from the workbook and from the CSV folder', async () => {
    const db = openDatabase(tmp.path('roundtrip.sqlite'));
    const demo = await writeDemoSnapshot(db, options);
    const file = tmp.path('demo.xlsx');
    await writeTemplateWorkbook(demoRowSource(demoCounty(options)), file);
    const dir = tmp.path('demo-csv');
    await writeTemplateCsv(demoRowSource(demoCounty(options)), dir);

    const expected = contents(db, demo.snapshotId);
    expect(expected.households?.length).toBe(300);
    for (const source of [file, dir]) {
      const r = await importSnapshot(db, source);
      expect(r.errors).toEqual([]);
      expect(r.counts).toEqual(demo.counts);
      const imported = getSnapshot(db, r.snapshotId as number);
      const original = getSnapshot(db, demo.snapshotId);
      expect({ county: imported?.countyName, code: imported?.countyCode, asOf: imported?.asOf })
        .toEqual({ county: original?.countyName, code: original?.countyCode, asOf: original?.asOf });
      const got = contents(db, r.snapshotId as number);
      for (const table of Object.keys(expected)) expect(got[table], table).toEqual(expected[table]);
    }
    db.close();
  });
});
