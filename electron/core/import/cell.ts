import { detachString } from './values/detachString';

/**
 * One cell as a reader hands it over: xlsx cells keep their type (a number stays a number, so a
 * text key destroyed by number formatting can be recognised); CSV cells are always text.
 */
export type Cell = string | number | boolean | Date | null;

/** A data row with the 1-based row number the user sees in Excel (or the CSV record number). */
export interface RawRow {
  readonly number: number;
  readonly cells: readonly Cell[];
}

/** The characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). */
export function isTrimmedSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function isBlankCell(cell: Cell | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell !== 'string') return false;
  // A cell that starts with anything but white space is not blank: no trim (and no new string).
  return cell.length === 0 || (isTrimmedSpace(cell.charCodeAt(0)) && cell.trim() === '');
}

export function isBlankRow(cells: readonly Cell[]): boolean {
  for (const c of cells) if (!isBlankCell(c)) return false;
  return true;
}

/** The cell as the user would read it in the issue list. */
export function cellDisplay(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return Number.isInteger(cell) && Math.abs(cell) >= 1e15 ? cell.toExponential() : String(cell);
  return detachString(String(cell));
}
