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

  it('internal mode may add the list of exited households below the line, by household code only', async () => {
    const out = tmp.path('internal-list.xlsx');
    expect((await cli(['report', '--db', db, '--format', 'xlsx', '--out', out, '--mode', 'internal'])).code).toBe(0);
    const wb = readXlsx(out);
    expect(Object.keys(wb)).toContain('收入低于标准户（内部）');
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
