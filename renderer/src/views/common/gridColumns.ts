import type { ColDef } from 'ag-grid-community';

/**
 * Room at the right of the last column: AG Grid's overlay scrollbar (16 px) lies over the last
 * column of a grid that scrolls, and would hide the end of right-aligned numbers there.
 */
export function withScrollbarRoom<T>(columns: readonly ColDef<T>[]): ColDef<T>[] {
  return columns.map((c, i) => (i === columns.length - 1 ? { ...c, cellStyle: { paddingRight: '22px' }, headerStyle: { paddingRight: '22px' } } : c));
}
