import { describe, expect, it } from 'vitest';
import { IssueCollector } from '../../../electron/core/import/issueCollector';
import { CsvLineGuard } from '../../../electron/core/import/readers/csvLineGuard';
import { SheetLimitError, SheetXmlScanner, decodeXmlText } from '../../../electron/core/import/readers/sheetXmlScanner';
import { bomContradicted } from '../../../electron/core/import/readers/textEncoding';
import { backlogWaitKib } from '../../../electron/core/import/write/backgroundWrite';
import { IMPORT_LIMITS } from '../../../electron/core/import/limits/importLimits';

const AT = { file: 'a.csv', sheet: null, row: 1, column: null };
const sheet = (rows: string): Buffer => Buffer.from(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);

function scanError(xml: Buffer, limits = IMPORT_LIMITS): SheetLimitError {
  const s = new SheetXmlScanner([], { ...limits });
  try {
    s.write(xml);
    s.end();
  } catch (e) {
    if (e instanceof SheetLimitError) return e;
    throw e;
  }
  throw new Error('no refusal');
}

describe('import limits (issue 17)', () => {
  it('lists at most 1,000 errors and says how many more there were', () => {
    const issues = new IssueCollector();
    for (let code = 0; code < 12; code++) for (let i = 0; i < 300; i++) issues.error(`c${code}`, `第 ${i} 行错`, AT);
    const errors = issues.list('error');
    const single = errors.filter((e) => !e.code.startsWith('issues.') && e.row !== null);
    expect(single.length).toBe(1_000);
    expect(errors.at(-1)).toMatchObject({ code: 'issues.truncated', value: String(3_600 - 1_000) });
    expect(errors.at(-1)?.message).toBe('……及其余 2,600 条错误未逐条列出（共 3,600 条）。');
    expect(issues.errorCount).toBe(3_600);
  });

  it('lets a batch larger than the write window go once everything before it is written (it waited for itself)', () => {
    const window = 128 * 1024;
    expect(backlogWaitKib(1_000, 140 * 1024, window)).toBe(1_000);
    expect(backlogWaitKib(1_000, 140 * 1024, window)).toBeLessThanOrEqual(1_000);
    // A small batch waits only until the backlog fits the window, as before.
    expect(backlogWaitKib(200_000, 1_000, window)).toBe(200_000 + 1_000 - window);
    expect(backlogWaitKib(0, 10, window)).toBeLessThan(0);
  });

  it('refuses a cell reference past XFD without padding the row to it', () => {
    const before = process.memoryUsage().heapUsed;
    const e = scanError(sheet('<row r="70"><c r="ZZZZZZ70"><v>1</v></c></row>'));
    expect(e).toMatchObject({ code: 'cell.outsideGrid', row: 70 });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    expect(scanError(sheet('<row r="3"><c r="XFE3"><v>1</v></c></row>'))).toMatchObject({ code: 'cell.outsideGrid', column: 16_384 });
    expect(scanError(sheet(`<row>${'<c><v>1</v></c>'.repeat(16_385)}</row>`))).toMatchObject({ code: 'cell.outsideGrid' });
  });

  it('reads XFD itself and row 1,048,576, and refuses the row after', () => {
    const s = new SheetXmlScanner([]);
    const rows = s.write(sheet('<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'));
    expect(rows[0]?.number).toBe(1_048_576);
    expect(rows[0]?.cells[16_383]).toBe(7);
    expect(scanError(sheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'))).toMatchObject({ code: 'row.outsideGrid' });
  });

  it('refuses a cell of 32,768 characters and keeps one of 32,767', () => {
    const ok = new SheetXmlScanner([]).write(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(32_767)}</t></is></c></row>`));
    expect((ok[0]?.cells[0] as string).length).toBe(32_767);
    expect(scanError(sheet(`<row r="1"><c r="A1" t="str"><v>${'x'.repeat(32_768)}</v></c></row>`))).toMatchObject({ code: 'cell.tooLong' });
  });

  it('refuses a row that grows past the row limit chunk by chunk, before it ends', () => {
    const s = new SheetXmlScanner([], { ...IMPORT_LIMITS, rowBytes: 1024 * 1024 });
    s.write(Buffer.from('<worksheet><sheetData><row r="5"><c r="A5" t="inlineStr"><is><t>'));
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let thrown: unknown = null;
    try {
      for (let i = 0; i < 8; i++) s.write(chunk);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SheetLimitError);
    expect(thrown).toMatchObject({ code: 'row.tooLarge', row: 5 });
  });

  it('counts dangling shared strings and formulas without values instead of leaving silent blanks', () => {
    const s = new SheetXmlScanner(['a']);
    s.write(sheet('<row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4" t="s"><v>9</v></c><c r="C4"><f>A1</f></c></row>'));
    expect(s.findings).toMatchObject({
      danglingShared: 1, danglingSharedRow: 4, formulasWithoutValue: 1, formulasWithoutValueRow: 4,
    });
  });

  it('reads a character reference past Unicode as U+FFFD (it threw a RangeError)', () => {
    expect(decodeXmlText('甲&#x110000;乙&#99999999999;')).toBe('甲\ufffd乙\ufffd');
  });

  it('refuses a CSV line that never ends, also inside quotes, and lets ordinary lines through', () => {
    const guard = new CsvLineGuard('户信息.csv', () => 41, 1000);
    for (let i = 0; i < 100; i++) guard.see('a,b,c\n'.repeat(50));
    expect(() => {
      for (let i = 0; i < 10; i++) guard.see('x'.repeat(200));
    }).toThrow(/第 42 行起有超过 1,000 个字符没有换行/);
    const quoted = new CsvLineGuard('a.csv', () => 0, 1000);
    quoted.see('"');
    expect(() => {
      for (let i = 0; i < 10; i++) quoted.see('\n'.repeat(200));
    }).toThrow(/没有换行/);
  });

  it('tells a UTF-8 mark in front of GBK bytes from a real UTF-8 file with a mark', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(bomContradicted(Buffer.concat([bom, Buffer.from([0xbb, 0xa7, 0xb1, 0xe0, 0xba, 0xc5])]))).toBe(true);
    expect(bomContradicted(Buffer.concat([bom, Buffer.from('户编号', 'utf8')]))).toBe(false);
  });
});
