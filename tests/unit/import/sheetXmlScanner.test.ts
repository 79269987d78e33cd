import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../../electron/core/import/cell';
import { SheetXmlScanner, columnIndex, decodeXmlText } from '../../../electron/core/import/readers/sheetXmlScanner';
import { detectEncoding, decodeName } from '../../../electron/core/import/readers/textEncoding';
import iconv from 'iconv-lite';

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:cols><x:col min="1" max="2"/></x:cols><x:sheetData>
<x:row r="1" spans="1:3"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:r><x:t>户</x:t></x:r><x:r><x:t xml:space="preserve">编号 </x:t></x:r><x:rPh><x:t>フリ</x:t></x:rPh></x:is></x:c></x:row>
<x:row r="3"><x:c r="A3" s="2"><x:v>530999000123</x:v></x:c><x:c r="B3" t="b"><x:v>1</x:v></x:c><x:c r="D3" t="str"><x:f>A1&amp;"x"</x:f><x:v>a&amp;b &lt;c&gt;</x:v></x:c><x:c r="E3" t="e"><x:v>#N/A</x:v></x:c><x:c r="F3"/><x:c r="G3"><x:f>1+1</x:f></x:c></x:row>
<x:row r="4"/>
<x:row><x:c t="inlineStr"><x:is><x:t>行_x000D_尾</x:t></x:is></x:c></x:row>
</x:sheetData><x:rowBreaks count="1"><x:brk id="2"/></x:rowBreaks></x:worksheet>`;

function chunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

function scan(text: string, strings: string[] = []): RawRow[] {
  // Each case is read whole and cut into 3-byte chunks: both must give the same rows.
  const whole = new SheetXmlScanner(strings);
  const rows = [...whole.write(Buffer.from(text, 'utf8')), ...whole.end()];
  const cut = new SheetXmlScanner(strings);
  const pieces: RawRow[] = [];
  for (const chunk of chunks(text, 3)) pieces.push(...cut.write(chunk));
  pieces.push(...cut.end());
  expect(pieces).toEqual(rows);
  return rows;
}

function sheet(cells: string): string {
  return `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;
}

function col(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : `A${String.fromCharCode(65 + i - 26)}`;
}

describe('the worksheet XML scanner', () => {
  it('reads every cell kind, with namespace prefixes, in chunks of any size', () => {
    // Byte chunks: sizes 1, 2 and 7 also cut the three-byte UTF-8 characters and the tags.
    for (const size of [1, 2, 7, 64, 100_000]) {
      const scanner = new SheetXmlScanner(['县']);
      const rows = [];
      for (const chunk of chunks(SHEET, size)) rows.push(...scanner.write(chunk));
      rows.push(...scanner.end());
      expect(rows).toEqual([
        { number: 1, cells: ['县', null, '户编号 '] },
        { number: 3, cells: [530999000123, true, null, 'a&b <c>', '#N/A'] },
        { number: 5, cells: ['行\r尾'] },
      ]);
    }
  });

  it('gives every text cell its own text when more values than the cache holds repeat and collide', () => {
    // 70,000 distinct values (more than the cache's slots), each twice, the second time far
    // from the first; some longer than the cache's keys, some with entities.
    const value = (i: number): string => (i % 7 === 0 ? `村${i}${'长'.repeat(20)}` : i % 11 === 0 ? `a&amp;${i}` : `5329${i}`);
    const expected = (i: number): string => value(i).replace('&amp;', '&');
    const rows: string[] = [];
    for (let i = 0; i < 140_000; i++) {
      const k = i < 70_000 ? i : (i * 7919) % 70_000;
      rows.push(`<row r="${i + 1}"><c r="A${i + 1}" t="str"><v>${value(k)}</v></c><c r="B${i + 1}"><v>${k}</v></c></row>`);
    }
    const scanner = new SheetXmlScanner([]);
    const got: RawRow[] = [];
    for (const chunk of chunks(`<worksheet><sheetData>${rows.join('')}</sheetData></worksheet>`, 1 << 20)) got.push(...scanner.write(chunk));
    got.push(...scanner.end());
    expect(got).toHaveLength(140_000);
    for (const row of got) expect(row.cells[0]).toBe(expected(row.cells[1] as number));
  });

  it('ends the sheet at the first </sheetData>, wherever it is', () => {
    const tail = '<row r="9"><c r="A9"><v>9</v></c></row></worksheet>';
    expect(scan(`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>${tail}`))
      .toEqual([{ number: 1, cells: [1] }]);
    // Inside a cell's text (not well-formed XML): the row is read, the rows after it are not.
    expect(scan(`<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>x</sheetData>y</v></c></row>${tail}`))
      .toEqual([{ number: 1, cells: ['x</sheetData>y'] }]);
  });

  it('reads an empty sheet as no rows', () => {
    const scanner = new SheetXmlScanner([]);
    expect([...scanner.write(Buffer.from('<worksheet><sheetData/></worksheet>')), ...scanner.end()]).toEqual([]);
  });

  it('reads numbers from their digits exactly as Number() reads the text', () => {
    const values = ['0', '-0', '2017', '-3', '3.25', '-12.50', '.5', '5.', '0.1', '123456789012345', '1234567890123456',
      '12345678901234.5', '0.30000000000000004', '9007199254740993', '1e5', '1E-3', ' 7 ', '+5', '007', '0x1F'];
    const rows = scan(sheet(values.map((v, i) => `<c r="${col(i)}1"><v>${v}</v></c>`).join('')));
    expect(rows).toHaveLength(1);
    const cells = rows[0]!.cells;
    values.forEach((v, i) => expect(Object.is(cells[i], Number(v)), `${v} → ${String(cells[i])}`).toBe(true));
  });

  it('keeps blanks and non-numbers out of number cells', () => {
    const rows = scan(sheet('<c r="A1"><v></v></c><c r="B1"><v> </v></c><c r="C1"><v>-</v></c><c r="D1"><v>.</v></c>'
      + '<c r="E1"><v>1,5</v></c><c r="F1" t="n"><v>4</v></c><c r="G1" t="zz"><v>8</v></c><c r="H1"><v>NaN</v></c>'));
    expect(rows).toEqual([{ number: 1, cells: [null, null, null, null, null, 4, 8] }]);
  });

  it('reads shared string indexes, booleans, errors and dates by the cell type', () => {
    const strings = ['零', '一', '二'];
    const rows = scan(sheet('<c r="A1" t="s"><v>2</v></c><c r="B1" t="s"><v>01</v></c><c r="C1" t="s"><v>9</v></c>'
      + '<c r="D1" t=\'s\'><v> 1 </v></c><c r="E1" t="b"><v>0</v></c><c r="F1" t="b"><v> 1</v></c><c r="G1" t="e"><v>#DIV/0!</v></c>'
      + '<c r="H1" t="d"><v>2023-01-05</v></c><c r="I1" t="d"><v>不是&amp;日期</v></c><c r="J1" t="str"><v>a&lt;b_x0009_c</v></c>'), strings);
    expect(rows).toEqual([{ number: 1, cells: ['二', '一', null, '一', false, true, '#DIV/0!', new Date('2023-01-05'), '不是&日期', 'a<b\tc'] }]);
  });

  it('numbers rows without r after the previous row, places cells without r after the previous cell', () => {
    const rows = scan('<worksheet><sheetData><row r="7"><c r="C7"><v>1</v></c><c><v>2</v></c></row>'
      + '<row><c t="str"><v>x</v></c></row><row r="0"><c r="b9"><v>3</v></c></row><row r="12" spans="1:2"/><row>\n <c r="A13" >\n<v>4</v></c></row>'
      + '</sheetData><row r="20"><c><v>5</v></c></row></worksheet>');
    expect(rows).toEqual([
      { number: 7, cells: [null, null, 1, 2] },
      { number: 8, cells: ['x'] },
      { number: 9, cells: [null, 3] },
      { number: 13, cells: [4] },
    ]);
  });

  it('reads formulas, empty cells, attributes inside values and elements it does not know', () => {
    const rows = scan(sheet('<c r="A1" t="str"><f>B1&amp;"</v>"</f><v>有 公式</v></c><c r="B1"><f>1+1</f></c><c r="C1" t="s"></c>'
      + '<c r="D1"><v/></c><c r="E1" s="1" t="str" ><extLst><ext/></extLst><v>尾</v></c><c r="F1" t="inlineStr"><v>7</v></c>'));
    expect(rows).toEqual([{ number: 1, cells: ['有 公式', null, null, null, '尾', ''] }]);
  });

  it('turns column letters into indexes and decodes entities', () => {
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('AB12')).toBe(27);
    expect(decodeXmlText('&#x4E2D;&#22269;&quot;')).toBe('中国"');
  });
});

describe('encoding detection', () => {
  it('tells UTF-8 (with or without BOM) from GB18030, and decodes GBK zip entry names', () => {
    expect(detectEncoding(Buffer.from('户编号,县\n', 'utf8'))).toEqual({ encoding: 'utf8', bomLength: 0 });
    expect(detectEncoding(Buffer.from('\ufeff户编号', 'utf8'))).toEqual({ encoding: 'utf8', bomLength: 3 });
    expect(detectEncoding(iconv.encode('户编号,县\n', 'gbk'))).toEqual({ encoding: 'gb18030', bomLength: 0 });
    // A character cut at the end of the sample is not taken for GBK.
    expect(detectEncoding(Buffer.from('户编号', 'utf8').subarray(0, 8)).encoding).toBe('utf8');
    expect(decodeName(iconv.encode('导出/户信息.csv', 'gbk'))).toBe('导出/户信息.csv');
  });
});
