import type { Cell } from '../cell';
import { foldValue } from './foldText';

/**
 * A text key (户编号, 证件号码) from a cell. Excel keeps 15 significant digits of a number, so a
 * numeric cell longer than that has already lost its last digits: that is `destroyed`, and only a
 * new export with the column formatted as text can repair it. A shorter number is read as its
 * integer text (leading zeros, if there were any, are gone too, but the key is still unique).
 */
export type TextKey =
  | { readonly kind: 'ok'; readonly value: string }
  | { readonly kind: 'blank' }
  | { readonly kind: 'destroyed' }
  | { readonly kind: 'invalid' };

const SCIENTIFIC = /^\d(?:\.\d+)?E\+?\d+$/i;

export function parseTextKey(cell: Cell): TextKey {
  if (cell === null) return { kind: 'blank' };
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || !Number.isInteger(cell) || cell < 0) return { kind: 'invalid' };
    if (cell >= 1e15) return { kind: 'destroyed' };
    return { kind: 'ok', value: String(cell) };
  }
  if (typeof cell !== 'string') return { kind: 'invalid' };
  const text = /^[\x21-\x26\x28-\x7e]+$/.test(cell) ? cell : foldValue(cell).replace(/\s+/g, '').replace(/^'/, '');
  if (text === '') return { kind: 'blank' };
  // A CSV saved from Excel writes what the cell showed: 5.30999E+17.
  if (SCIENTIFIC.test(text)) return { kind: 'destroyed' };
  return { kind: 'ok', value: text };
}

/**
 * True when the cell is its own key, as parseTextKey would find it: printable ASCII without a
 * quote or white space, and no E (so not 5.3E+17). Nearly every 户编号 and 证件号码 is: they skip
 * the result object and the regexes.
 */
export function isPlainTextKey(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e || c === 0x27 || c === 0x45 || c === 0x65) return false;
  }
  return true;
}
