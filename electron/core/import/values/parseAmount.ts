import type { Cell } from '../cell';
import { foldValue } from './foldText';

export type Amount = { readonly ok: true; readonly value: number | null } | { readonly ok: false };

const SIMPLE = /^-?\d+(?:\.\d+)?$/;
const BLANK_MARKS = new Set(['', '-', '—', '--', '/', '无']);

/**
 * Amounts in 元 (or in 万元 when `scale` is 10,000): numbers, or text with thousands separators,
 * full-width digits, a leading ¥ or a trailing 元 / 万元 (a cell saying 万元 scales itself).
 * A blank is missing (null), not zero.
 */
export function parseAmount(cell: Cell, scale = 1): Amount {
  if (cell === null) return { ok: true, value: null };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: scaledAmount(cell, scale) } : { ok: false };
  if (typeof cell !== 'string') return { ok: false };
  if (isPlainNumber(cell)) return { ok: true, value: scaledAmount(Number(cell), scale) };
  let text = foldValue(cell).replace(/[\s,]/g, '').replace(/^[¥￥]/, '');
  if (BLANK_MARKS.has(text)) return { ok: true, value: null };
  let cellScale = scale;
  if (text.endsWith('万元')) {
    text = text.slice(0, -2);
    cellScale = 10_000;
  } else if (text.endsWith('元')) {
    text = text.slice(0, -1);
    if (scale === 10_000) cellScale = 1;
  }
  if (!SIMPLE.test(text)) return { ok: false };
  return { ok: true, value: scaledAmount(Number(text), cellScale) };
}

/** Digits with an optional minus and decimal point: the common case, checked without a regex. */
export function isPlainNumber(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 20) return false;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return false;
  let dot = false;
  let digits = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot && digits > 0) dot = true;
    else return false;
  }
  return s.charCodeAt(n - 1) !== 46;
}

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Number(s) of a plain number (isPlainNumber), NaN for any other text. Up to 15 digits the
 * digits make an exact integer and 10^k is exact, so their one division rounds the decimal's
 * value once, as Number() does (same double, -0 included), without parsing the text again.
 */
export function plainNumberValue(s: string): number {
  const n = s.length;
  if (n === 0 || n > 20) return NaN;
  const negative = s.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  if (i === n) return NaN;
  let value = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if (c === 46 && decimals < 0 && digits > 0) {
      decimals = 0;
    } else {
      return NaN;
    }
  }
  if (decimals === 0) return NaN;
  if (digits > 15) return Number(s);
  const x = decimals > 0 ? value / (POWERS_OF_TEN[decimals] as number) : value;
  return negative ? -x : x;
}

/** Scaling by 10,000 in floating point gives 12.3 × 10000 = 122999.99…; round to the cent. */
export function scaledAmount(n: number, scale: number): number {
  return scale === 1 ? n : Math.round(n * scale * 100) / 100;
}
