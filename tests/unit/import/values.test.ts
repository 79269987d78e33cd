import { describe, expect, it } from 'vitest';
import { isPlainNumber, parseAmount, plainNumberValue } from '../../../electron/core/import/values/parseAmount';
import { parseCount } from '../../../electron/core/import/values/parseCount';
import { parseDate, plainIsoDate } from '../../../electron/core/import/values/parseDate';
import { isPlainTextKey, parseTextKey } from '../../../electron/core/import/values/parseTextKey';
import { parseYear } from '../../../electron/core/import/values/parseYear';
import { parseYesNo } from '../../../electron/core/import/values/parseYesNo';
import { excelSerialToIso } from '../../../electron/core/import/values/excelSerial';
import { detachString } from '../../../electron/core/import/values/detachString';
import { isBlankCell } from '../../../electron/core/import/cell';

describe('text keys (户编号, 证件号码)', () => {
  it('refuses a number of more than 15 digits: Excel has already lost its last digits', () => {
    expect(parseTextKey(Number('530999198001010020'))).toEqual({ kind: 'destroyed' });
    expect(parseTextKey('5.30999E+17')).toEqual({ kind: 'destroyed' });
    expect(parseTextKey(1e15)).toEqual({ kind: 'destroyed' });
  });
  it('reads a number of up to 15 digits as its integer text, and text as it is (leading zeros kept)', () => {
    expect(parseTextKey(5309990001000)).toEqual({ kind: 'ok', value: '5309990001000' });
    expect(parseTextKey(999_999_999_999_999)).toEqual({ kind: 'ok', value: '999999999999999' });
    expect(parseTextKey('0012')).toEqual({ kind: 'ok', value: '0012' });
    expect(parseTextKey(' ５３０９９９ ')).toEqual({ kind: 'ok', value: '530999' });
    expect(parseTextKey("'5309")).toEqual({ kind: 'ok', value: '5309' });
    expect(parseTextKey('  ')).toEqual({ kind: 'blank' });
    expect(parseTextKey(12.5)).toEqual({ kind: 'invalid' });
  });
});

describe('years', () => {
  it.each([
    [2014, 2014], ['2014', 2014], ['2014年', 2014], ['２０１４年度', 2014], [201603, 2016], ['201603', 2016],
    [41640, 2014], [new Date(Date.UTC(2019, 5, 1)), 2019], ['2021-03-05', 2021], ['2021年3月5日', 2021],
  ])('%s is %s', (cell, year) => expect(parseYear(cell)).toBe(year));
  it.each([['不详'], [12], [true], ['二〇一四']])('%s is not a year', (cell) => expect(parseYear(cell)).toBeNull());
});

describe('dates', () => {
  it.each([
    [44260, '2021-03-05'], ['2021-03-05', '2021-03-05'], ['2021/3/5', '2021-03-05'], ['2021年3月5日', '2021-03-05'],
    ['2021.3.5', '2021-03-05'], [202103, '2021-03'], ['202103', '2021-03'], ['2021年3月', '2021-03'], [20210305, '2021-03-05'],
    ['2021-03-05 00:00:00', '2021-03-05'], [new Date(Date.UTC(2021, 2, 5)), '2021-03-05'],
  ])('%s is %s', (cell, iso) => expect(parseDate(cell)?.iso).toBe(iso));
  it.each([['2021-02-30'], ['202113'], ['明年'], [5]])('%s is not a date', (cell) => expect(parseDate(cell)).toBeNull());
  it('counts Excel serials across the fictitious 1900-02-29 and in the 1904 system', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(0 + 1, true)).toBe('1904-01-02');
  });
});

describe('是/否', () => {
  it.each([['是', true], ['否', false], ['Y', true], ['n', false], ['1', true], [0, false], ['√', true], [true, true], [null, null], ['', null]])(
    '%s is %s', (cell, value) => expect(parseYesNo(cell)).toEqual({ ok: true, value }));
  it('anything else is unreadable', () => expect(parseYesNo('也许')).toEqual({ ok: false }));
});

describe('amounts', () => {
  it.each([
    [1234.5, 1, 1234.5], ['1,234.5', 1, 1234.5], ['１２，３４５', 1, 12345], ['12,345元', 1, 12345], ['¥800', 1, 800],
    ['1.2万元', 1, 12000], [1.5, 10_000, 15000], ['2元', 10_000, 2], ['12.3', 10_000, 123000],
  ])('%s (scale %s) is %s 元', (cell, scale, value) => expect(parseAmount(cell, scale)).toEqual({ ok: true, value }));
  it('a blank is missing, not zero', () => {
    expect(parseAmount(null)).toEqual({ ok: true, value: null });
    expect(parseAmount('—')).toEqual({ ok: true, value: null });
  });
  it('text that is no amount is unreadable', () => expect(parseAmount('约三千')).toEqual({ ok: false }));
});

describe('counts', () => {
  it.each([[4, 4], ['4', 4], ['4人', 4], ['６', 6], ['3个月', 3], ['4.0', 4]])('%s is %s', (cell, n) => expect(parseCount(cell)).toBe(n));
  it.each([[2.5], ['两人'], [null]])('%s is not a whole number', (cell) => expect(parseCount(cell)).toBeNull());
});

describe('detachString', () => {
  it('gives back the same text, whatever it holds', () => {
    for (const s of ['短', '530999198001011234', `引号"与\\反斜杠\u0001\u001f\t换行\n`, '半个代理\ud800对', 'x'.repeat(100_000), '户编号：5329991002010002']) {
      expect(detachString(s)).toBe(s);
    }
  });
});

describe('the fast paths give what the general readers give', () => {
  it('detachString copies text of any kind and length exactly, a view into a larger text too', () => {
    const parent = `${'户编号,证件号码\n'.repeat(50)}5329991002010001,53299919730221267X,😀半个\ud800代理\udfff对,${'长'.repeat(70)}`;
    for (let from = 0; from < parent.length; from += 7) {
      for (const n of [12, 13, 16, 18, 40, 64, 65, 90]) {
        const s = parent.slice(from, from + n);
        expect(detachString(s)).toBe(s);
      }
    }
  });

  it('a plain text key is the key parseTextKey reads', () => {
    const cells = ['5329991002010001', '53299919730221267X', '0012', 'A-1/2', '5.30999E+17', '5e3', 'abc', "'5309", ' 5309', '5309 ',
      '５３０９', '5309\u3000', '"5309"', '~!#$%&()*+,-./:;<=>?@[]^_`{|}', 'E', ''];
    for (const c of cells) {
      if (isPlainTextKey(c)) expect(parseTextKey(c)).toEqual({ kind: 'ok', value: c });
    }
    expect(isPlainTextKey('5329991002010001')).toBe(true);
    expect(isPlainTextKey('5.30999E+17')).toBe(false);
    expect(isPlainTextKey("'5309")).toBe(false);
  });

  it('a plain YYYY-MM-DD date is the date parseDate reads, and only a valid one is taken', () => {
    let taken = 0;
    for (const y of ['1899', '1900', '1999', '2000', '2023', '2024', '2100', '2101', '0200', '20x4']) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const padded = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          for (const text of new Set([padded, `${y}-${m}-${d}`])) {
            const plain = plainIsoDate(text);
            const full = parseDate(text);
            if (plain !== null) {
              if (text === padded) taken++;
              expect(full?.iso).toBe(plain);
            } else if (text.length === 10 && full !== null) {
              expect(full.iso).not.toBe(text);
            }
          }
        }
      }
    }
    // 1900, 1999, 2023 and 2100 have 365 days, 2000 and 2024 366.
    expect(taken).toBe(365 * 4 + 366 * 2);
    expect(plainIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(plainIsoDate('2100-02-29')).toBeNull();
    expect(plainIsoDate('2021/03/05')).toBeNull();
  });

  it('years and counts of plain digits are read as the patterns read them', () => {
    for (const c of ['2016', '0016', '1899', '2101', '20 6', '２０１６', '201a']) {
      const y = /^\d{4}$/.test(c) ? Number(c) : null;
      if (y !== null) expect(parseYear(c)).toBe(y >= 1900 && y <= 2100 ? y : null);
    }
    expect(parseYear('２０１６')).toBe(2016);
    for (const c of ['0', '007', '123456', '1234567', '12a', '-3', '']) {
      if (/^\d{1,6}$/.test(c)) expect(parseCount(c)).toBe(Number(c));
    }
    expect(parseCount('1234567')).toBe(1234567);
    expect(parseCount('-3')).toBe(-3);
    expect(parseCount('')).toBeNull();
  });

  it('a blank cell is one that trims to nothing, for every white space String.trim knows', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `${ch}${ch}`, `${ch}x`]) expect(isBlankCell(s)).toBe(s.trim() === '');
    }
    expect(isBlankCell('')).toBe(true);
    expect(isBlankCell(null)).toBe(true);
    expect(isBlankCell(0)).toBe(false);
  });
});

describe('plainNumberValue', () => {
  it('is Number() of every plain number, to the last bit, and NaN for what isPlainNumber refuses', () => {
    let x = 12_345;
    const next = (m: number) => {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
      return (x >>> 8) % m;
    };
    const texts = ['0', '-0', '-0.0', '007', '0.1', '0.3', '1234.56', '-1234.56', '999999999999999', '9999999999999999', '12345678901234567890',
      '123456789012345678901', '1.', '.5', '-', '', '1e3', '1,234', ' 12', '12 ', '１２', '--1', '1.2.3', '0.000000000000001', '-.5'];
    for (let i = 0; i < 20_000; i++) {
      const whole = String(next(10 ** (1 + next(9)))).padStart(1 + next(3), '0');
      const frac = next(3) === 0 ? '' : `.${String(next(10 ** 6)).padStart(1 + next(6), '0')}`;
      texts.push(`${next(4) === 0 ? '-' : ''}${whole}${frac}`);
    }
    for (const t of texts) {
      const v = plainNumberValue(t);
      expect(Number.isNaN(v), t).toBe(!isPlainNumber(t));
      if (!Number.isNaN(v)) expect(Object.is(v, Number(t)), t).toBe(true);
    }
  });
});
