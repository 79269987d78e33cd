import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandardMetrics } from '../../../shared/api/standardMetrics';
import { makeTempDir } from '../import/support/tempDir';
import { cli, readDocx, readXlsx } from './readers';

/**
 * Circulation mode hides every count of 1 or 2 (k = 3) as "<3" — in the text, the tables and the
 * sheets — and internal mode prints the number. The tiny county has such cells: its 2018 返贫 is one
 * household of two persons (tiny-county.expected.json).
 */
const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'tiny-county.xlsx');

describe('circulation and internal mode', () => {
  const tmp = makeTempDir('report-privacy');
  const db = tmp.path('tiny.sqlite');
  let m: StandardMetrics;

  beforeAll(async () => {
    expect((await cli(['import', FIXTURE, '--db', db])).code).toBe(0);
    m = JSON.parse((await cli(['metrics', '--db', db, '--json'])).out) as StandardMetrics;
  }, 120_000);
  afterAll(() => tmp.remove());

  it('the tiny county has a returns year of 1 household and 2 persons (the small cell under test)', () => {
    expect(m.returns.byYear.find((y) => y.year === 2018)).toMatchObject({ households: 1, persons: 2 });
  });

  it('circulation (the default) shows "<3" in the sheet and the text; internal shows 1 and 2', async () => {
    const rows = async (mode: string): Promise<(string | number | null)[]> => {
      const out = tmp.path(`${mode}.xlsx`);
      const r = await cli(['report', '--db', db, '--format', 'xlsx', '--out', out, ...(mode === 'default' ? [] : ['--mode', mode])]);
      expect(r.code, r.err).toBe(0);
      const sheet = readXlsx(out)['返贫'];
      return sheet?.rows.find((row) => row[0] === '2018') ?? [];
    };
    expect((await rows('default')).slice(1, 3)).toEqual(['<3', '<3']);
    expect((await rows('circulation')).slice(1, 3)).toEqual(['<3', '<3']);
    expect((await rows('internal')).slice(1, 3)).toEqual([1, 2]);

    const text = async (mode: string): Promise<{ paragraphs: string; returnsRow: string[] }> => {
      const out = tmp.path(`${mode}.docx`);
      expect((await cli(['report', '--db', db, '--format', 'docx', '--out', out, '--mode', mode])).code).toBe(0);
      const d = readDocx(out);
      const table = d.tables.find((t) => t.rows[0]?.[0] === '年度' && t.rows[0]?.[4] === '返贫率');
      return { paragraphs: d.paragraphs.join('\n'), returnsRow: table?.rows.find((r) => r[0] === '2018') ?? [] };
    };
    const circulation = await text('circulation');
    expect(circulation.paragraphs).toContain('2018年<3户、<3人');
    expect(circulation.returnsRow.slice(1, 3)).toEqual(['<3', '<3']);
    expect(circulation.paragraphs).not.toContain('内部，不得外传');
    const internal = await text('internal');
    expect(internal.paragraphs).toContain('2018年1户、2人');
    expect(internal.returnsRow.slice(1, 3)).toEqual(['1', '2']);
  }, 240_000);

  it('internal mode adds the list of exited households below the line, by 户编号 and the masked 户主证件号', async () => {
    const out = tmp.path('internal-list.xlsx');
    expect((await cli(['report', '--db', db, '--format', 'xlsx', '--out', out, '--mode', 'internal'])).code).toBe(0);
    const wb = readXlsx(out);
    expect(Object.keys(wb)).toContain('收入低于标准户（内部）');
    // The office finds the household by its code and checks the paper file by the stored mask (region + last two).
    const list = wb['收入低于标准户（内部）']?.rows ?? [];
    const at = list.findIndex((r) => r[0] === '户编号');
    expect(list[at]?.slice(0, 2)).toEqual(['户编号', '户主证件号（脱敏）']);
    const listed = list.slice(at + 1).filter((r) => typeof r[0] === 'string' && r[0] !== '');
    expect(listed.length).toBeGreaterThan(0);
    const store = new Database(db, { readonly: true });
    try {
      const mask = store.prepare('SELECT head_id_masked AS m FROM household WHERE code = ?');
      for (const row of listed) {
        const stored = (mask.get(row[0]) as { m: string | null } | undefined)?.m;
        expect(stored, `household ${String(row[0])}`).toMatch(/^\d{6}\*{10}[\dX]{2}$/);
        expect(row[1]).toBe(stored);
      }
    } finally {
      store.close();
    }
    const docxOut = tmp.path('internal-list.docx');
    expect((await cli(['report', '--db', db, '--format', 'docx', '--out', docxOut, '--mode', 'internal'])).code).toBe(0);
    const table = readDocx(docxOut).tables.find((t) => t.rows[0]?.[0] === '户编号');
    expect(table?.rows[0]?.[1]).toBe('户主证件号（脱敏）');
    expect(table?.rows.slice(1).map((r) => [r[0], r[1]])).toEqual(listed.map((r) => [r[0], r[1]]));
    const circulationOut = tmp.path('circulation-list.xlsx');
    expect((await cli(['report', '--db', db, '--format', 'xlsx', '--out', circulationOut])).code).toBe(0);
    const circulation = readXlsx(circulationOut);
    expect(Object.keys(circulation)).not.toContain('收入低于标准户（内部）');
    // No ID number anywhere: no 18-character ID-like string in any cell of either workbook.
    for (const book of [wb, circulation]) {
      for (const sheet of Object.values(book)) {
        for (const row of sheet.rows) {
          for (const cell of row) if (typeof cell === 'string') expect(cell).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);
        }
      }
    }
  }, 120_000);
});
