import type { Cell } from '../cell';
import { foldValue } from './foldText';

const YES = new Set(['是', 'Y', 'YES', '1', '√', 'TRUE', '有']);
const NO = new Set(['否', 'N', 'NO', '0', '×', 'X', 'FALSE', '无']);

/** 是/否 cells: 是 否 Y N 1 0 √ (and ×); blank is unknown. */
export type YesNo = { readonly ok: true; readonly value: boolean | null } | { readonly ok: false };

const YES_VALUE: YesNo = { ok: true, value: true };
const NO_VALUE: YesNo = { ok: true, value: false };
const UNKNOWN: YesNo = { ok: true, value: null };

export function parseYesNo(cell: Cell): YesNo {
  if (cell === null) return UNKNOWN;
  if (typeof cell === 'boolean') return { ok: true, value: cell };
  if (typeof cell === 'number') {
    if (cell === 1) return { ok: true, value: true };
    if (cell === 0) return { ok: true, value: false };
    return { ok: false };
  }
  if (cell instanceof Date) return { ok: false };
  if (cell === '是') return YES_VALUE;
  if (cell === '否') return NO_VALUE;
  const text = foldValue(cell).toUpperCase();
  if (text === '') return { ok: true, value: null };
  if (YES.has(text)) return { ok: true, value: true };
  if (NO.has(text)) return { ok: true, value: false };
  return { ok: false };
}
