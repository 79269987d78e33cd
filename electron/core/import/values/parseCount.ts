import type { Cell } from '../cell';
import { foldValue } from './foldText';

/** Whole numbers such as 家庭人口数 and 务工时间（月）: 4, "4", "4人", "4个月". */
export function parseCount(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  if (cell.length > 0 && cell.length <= 6) {
    let n = 0;
    for (let i = 0; i < cell.length && n >= 0; i++) {
      const c = cell.charCodeAt(i) - 48;
      n = c >= 0 && c <= 9 ? n * 10 + c : -1;
    }
    if (n >= 0) return n;
  }
  const m = /^(-?\d+)(?:\.0+)?\s*(?:人|个月|月|口)?$/.exec(foldValue(cell));
  return m ? Number(m[1]) : null;
}
