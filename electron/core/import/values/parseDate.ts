import type { Cell } from '../cell';
import { excelSerialToIso, isPlausibleSerial } from './excelSerial';
import { foldValue } from './foldText';

/** A parsed date: full (YYYY-MM-DD) or month precision (YYYY-MM, from YYYYMM exports). */
export interface ParsedDate {
  readonly iso: string;
  readonly year: number;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function validYear(y: number): boolean {
  return y >= 1900 && y <= 2100;
}

function ymd(y: number, m: number, d: number): ParsedDate | null {
  if (!validYear(y) || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return { iso: `${y}-${pad2(m)}-${pad2(d)}`, year: y };
}

function ym(y: number, m: number): ParsedDate | null {
  if (!validYear(y) || m < 1 || m > 12) return null;
  return { iso: `${y}-${pad2(m)}`, year: y };
}

function fromNumber(n: number, date1904: boolean): ParsedDate | null {
  if (!Number.isInteger(n)) {
    return isPlausibleSerial(n) ? fromNumber(Math.floor(n), date1904) : null;
  }
  if (n >= 19_000_101 && n <= 21_001_231) return ymd(Math.floor(n / 10_000), Math.floor(n / 100) % 100, n % 100);
  if (n >= 190_001 && n <= 210_012) return ym(Math.floor(n / 100), n % 100);
  if (isPlausibleSerial(n)) {
    const iso = excelSerialToIso(n, date1904);
    return iso ? { iso, year: Number(iso.slice(0, 4)) } : null;
  }
  return null;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * The cell itself when it is a valid date written as YYYY-MM-DD: what parseDate would give for
 * it (its ISO form is the text), found without regexes or a Date. Null for anything else,
 * which parseDate then reads (or refuses).
 */
export function plainIsoDate(text: string): string | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 7);
  const d = digitsAt(text, 8, 10);
  if (!validYear(y) || m < 1 || m > 12 || d < 1) return null;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (MONTH_DAYS[m - 1] as number) + (leap ? 1 : 0) ? text : null;
}

const FULL = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;
const DIGITS = /^\d{6}(?:\d{2})?$/;

/**
 * Dates as exports write them (import-format.md): Excel serials, 2021-03-05, 2021/3/5,
 * 2021年3月5日, 202103 (month precision), 20210305. Null when the cell is not such a date.
 */
export function parseDate(cell: Cell, date1904 = false): ParsedDate | null {
  if (cell === null || typeof cell === 'boolean') return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return ymd(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') return fromNumber(cell, date1904);
  const text = foldValue(cell);
  let m = FULL.exec(text);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH.exec(text);
  if (m) return ym(Number(m[1]), Number(m[2]));
  if (DIGITS.test(text)) return fromNumber(Number(text), date1904);
  if (/^\d+(?:\.\d+)?$/.test(text)) return fromNumber(Number(text), date1904);
  return null;
}
