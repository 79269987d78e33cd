import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import type { HouseholdRow } from '../../../electron/core/db/snapshotRows';
import { importSnapshot } from '../../../electron/core/import/importSnapshot';
import { csvLine } from '../../../electron/core/template/csvLine';
import { cellsOf, exampleCellsOf, headersOf } from '../../../electron/core/template/templateColumns';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A 户信息 sheet of three households from the template's example row, 耕地面积 as given. */
function folderWith(land: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tuopin-land-'));
  dirs.push(dir);
  const folder = join(dir, 'export');
  mkdirSync(folder);
  const headers = headersOf('户信息');
  const at = headers.indexOf('耕地面积（亩）');
  const codeAt = headers.indexOf('户编号');
  const lines = land.map((value, i) => {
    const cells = exampleCellsOf('户信息');
    cells[codeAt] = `H${i + 1}`;
    cells[at] = value;
    return csvLine(cells);
  });
  writeFileSync(join(folder, '户信息.csv'), `\ufeff${csvLine(headers)}${lines.join('')}`);
  return folder;
}

describe('耕地面积(亩), a column only the 户信息 table names', () => {
  for (const writeMode of ['inline', 'thread'] as const) {
    it(`is read, stored and warned about by its kind (${writeMode} write)`, async () => {
      const folder = folderWith(['2.5', '', '三亩']);
      const db = openDatabase(join(folder, '..', 'county.sqlite'));
      try {
        const result = await importSnapshot(db, folder, { writeMode });
        expect(result.errors).toEqual([]);
        expect(result.writtenBy).toBe(writeMode);
        const stored = db.prepare(`SELECT code, cultivated_land AS land FROM household ORDER BY code`).all();
        expect(stored).toEqual([{ code: 'H1', land: 2.5 }, { code: 'H2', land: null }, { code: 'H3', land: null }]);
        const warning = result.warnings.find((w) => w.code === 'quantity.invalid');
        expect(warning?.message).toContain('第 4 行');
        expect(warning?.message).toContain('耕地面积（亩）');
        expect(warning).toMatchObject({ sheet: null, row: 4, column: '耕地面积（亩）', value: '三亩' });
      } finally {
        db.close();
      }
    });
  }

  it('is written to the template from the row', () => {
    const row = { plainValues: { cultivatedLand: 4.25 } } as unknown as HouseholdRow;
    const headers = headersOf('户信息');
    expect(cellsOf({ sheet: '户信息', row })[headers.indexOf('耕地面积（亩）')]).toBe(4.25);
  });
});
