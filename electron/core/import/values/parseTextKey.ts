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
