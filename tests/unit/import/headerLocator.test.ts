import { describe, expect, it } from 'vitest';
import type { Cell, RawRow } from '../../../electron/core/import/cell';
import { locateHeader } from '../../../electron/core/import/headerLocator';
import { HOUSEHOLD_SHEET, INCOME_SHEET, SHEET_SCHEMAS } from '../../../electron/core/import/sheetSchemas';
import { schemaForName } from '../../../electron/core/import/sheetDispatcher';

function rows(...cells: Cell[][]): RawRow[] {
  return cells.map((c, i) => ({ number: i + 1, cells: c }));
}

describe('finding the header', () => {
  it('skips title rows, reads the export date, and matches aliases after folding', () => {
    const h = locateHeader(rows(
      ['云岭县户信息表'], ['导出时间：2023年12月31日'],
      ['户码', '县（市、区、旗）', '乡 (镇)', '村(社区)', '家庭 人口数', '　备注'],
      ['A1', '云岭县', '城关镇', '东村', 3, null],
    ), [HOUSEHOLD_SHEET]);
    expect(h?.headerRow).toBe(3);
    expect(h?.lastHeaderRow).toBe(3);
    expect(h?.titleDate).toBe('2023-12-31');
    expect([...(h?.columns.keys() ?? [])]).toEqual(['code', 'county', 'township', 'village', 'size']);
    expect(h?.unknown).toEqual([{ index: 5, header: '备注' }]);
  });

  it('joins a two-level header: the lower row, prefixed by the merged upper cell where the lower repeats', () => {
    const h = locateHeader(rows(
      ['户编号', '县', '乡镇', '行政村', '家庭人口数', '纳入监测', null, '风险消除', null],
      [null, null, null, null, null, '类别', '时间', '方式', '时间'],
    ), [HOUSEHOLD_SHEET]);
    expect(h?.lastHeaderRow).toBe(2);
    expect(h?.columns.get('monDate')).toMatchObject({ index: 6, header: '纳入监测时间' });
    expect(h?.columns.get('elimDate')).toMatchObject({ index: 8, header: '风险消除时间' });
    expect(h?.columns.get('elimMethod')).toMatchObject({ index: 7, header: '风险消除方式' });
    expect(h?.columns.get('code')).toMatchObject({ index: 0 });
  });

  it('scales amount columns by a 万元 title line, a unit row, or the header itself', () => {
    const byTitle = locateHeader(rows(['单位：万元'], ['户编号', '年度', '工资性收入', '财产性收入（元）']), [INCOME_SHEET]);
    expect(byTitle?.columns.get('wage')?.scale).toBe(10_000);
    expect(byTitle?.columns.get('property')?.scale).toBe(1);
    const byUnitRow = locateHeader(rows(['户编号', '年度', '工资性收入', '财产性收入'], [null, null, '万元', '元'], ['A', 2020, 1, 2]), [INCOME_SHEET]);
    expect(byUnitRow?.lastHeaderRow).toBe(2);
    expect(byUnitRow?.columns.get('wage')?.scale).toBe(10_000);
    expect(byUnitRow?.columns.get('property')?.scale).toBe(1);
  });

  it('recognises a sheet by its columns when its name says nothing, and by its name otherwise', () => {
    const h = locateHeader(rows(['户编号', '年度', '工资性收入', '低保金']), SHEET_SCHEMAS);
    expect(h?.schema.kind).toBe('income');
    expect(schemaForName('收入情况(2)')?.kind).toBe('income');
    expect(schemaForName('2020年户信息表')?.kind).toBe('households');
    expect(schemaForName('Sheet1')).toBeNull();
    expect(locateHeader(rows(['说明'], ['本表仅供参考']), SHEET_SCHEMAS)).toBeNull();
  });
});
