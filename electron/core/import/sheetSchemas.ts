import { EVENT_COLUMNS } from '../columns/eventColumns';
import { HOUSEHOLD_COLUMNS } from '../columns/householdColumns';
import { INCOME_COLUMNS } from '../columns/incomeColumns';
import { MEASURE_COLUMNS } from '../columns/measureColumns';
import { MEMBER_COLUMNS } from '../columns/memberColumns';
import type { SheetColumn } from '../columns/sheetColumn';
import { VILLAGE_COLUMNS } from '../columns/villageColumns';

/**
 * The sheets of import-format.md (standard template v1) as the header matching sees them: each
 * sheet's column table (columns/*Columns.ts) and the columns that identify its header row.
 */
export type SheetKind = 'households' | 'members' | 'income' | 'measures' | 'events' | 'villages';

/** What the header matching reads of a column. */
export type ColumnSpec<K extends string = string> = Pick<SheetColumn<K>, 'key' | 'header' | 'aliases' | 'required' | 'amount' | 'defaultUnit'>;

export interface SheetSchema<K extends string = string> {
  readonly kind: SheetKind;
  /** Sheet name in the template and base name of its CSV file. */
  readonly name: string;
  readonly columns: readonly ColumnSpec<K>[];
  /** Columns that identify this sheet's header row (and the sheet itself when its name says nothing). */
  readonly signature: readonly K[];
}

export const HOUSEHOLD_SHEET = {
  kind: 'households', name: '户信息', signature: ['code', 'size', 'village'], columns: HOUSEHOLD_COLUMNS,
} as const satisfies SheetSchema;

export const MEMBER_SHEET = {
  kind: 'members', name: '家庭成员', signature: ['code', 'idNumber'], columns: MEMBER_COLUMNS,
} as const satisfies SheetSchema;

export const INCOME_SHEET = {
  kind: 'income', name: '收入情况', signature: ['code', 'year', 'wage'], columns: INCOME_COLUMNS,
} as const satisfies SheetSchema;

export const MEASURE_SHEET = {
  kind: 'measures', name: '帮扶措施', signature: ['code', 'name'], columns: MEASURE_COLUMNS,
} as const satisfies SheetSchema;

export const EVENT_SHEET = {
  kind: 'events', name: '状态变化', signature: ['code', 'type'], columns: EVENT_COLUMNS,
} as const satisfies SheetSchema;

export const VILLAGE_SHEET = {
  kind: 'villages', name: '村情', signature: ['village', 'township'], columns: VILLAGE_COLUMNS,
} as const satisfies SheetSchema;

/** In the order a sheet name is tested: more specific names first. */
export const SHEET_SCHEMAS: readonly SheetSchema[] = [
  MEMBER_SHEET, INCOME_SHEET, MEASURE_SHEET, EVENT_SHEET, VILLAGE_SHEET, HOUSEHOLD_SHEET,
];
