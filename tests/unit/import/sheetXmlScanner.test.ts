import { describe, expect, it } from 'vitest';
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

describe('the worksheet XML scanner', () => {
  it('reads every cell kind, with namespace prefixes, in chunks of any size', () => {
    for (const size of [7, 64, 100_000]) {
      const scanner = new SheetXmlScanner(['县']);
      const rows = [];
      for (let i = 0; i < SHEET.length; i += size) rows.push(...scanner.write(SHEET.slice(i, i + size)));
      rows.push(...scanner.end());
      expect(rows).toEqual([
        { number: 1, cells: ['县', null, '户编号 '] },
        { number: 3, cells: [530999000123, true, null, 'a&b <c>', '#N/A'] },
        { number: 5, cells: ['行\r尾'] },
      ]);
    }
  });

  it('reads an empty sheet as no rows', () => {
    const scanner = new SheetXmlScanner([]);
    expect([...scanner.write('<worksheet><sheetData/></worksheet>'), ...scanner.end()]).toEqual([]);
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
