import type { Cell } from '../cell';
import { parseDate } from './parseDate';
import { foldValue } from './foldText';

/**
 * Years as exports write them: 2014, "2014年", "2014年度", a date (its year), or YYYYMM.
 * Null when the cell holds none of these.
 */
export function parseYear(cell: Cell, date1904 = false): number | null {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 1900 && cell <= 2100) return cell;
  if (typeof cell === 'string') {
    if (cell.length === 4) {
      const y = fourDigits(cell);
      if (y >= 0) return y >= 1900 && y <= 2100 ? y : null;
    }
    const m = /^(\d{4})\s*(?:年度?)?$/.exec(foldValue(cell));
    if (m) {
      const y = Number(m[1]);
      return y >= 1900 && y <= 2100 ? y : null;
    }
  }
  return parseDate(cell, date1904)?.year ?? null;
}

/** The value of four ASCII digits, -1 otherwise (no regex, no Number() for the usual 2016). */
function fourDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
