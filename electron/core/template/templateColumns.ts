import { EVENT_COLUMNS } from '../columns/eventColumns';
import { HOUSEHOLD_COLUMNS } from '../columns/householdColumns';
import { INCOME_COLUMNS } from '../columns/incomeColumns';
import { MEASURE_COLUMNS } from '../columns/measureColumns';
import { MEMBER_COLUMNS } from '../columns/memberColumns';
import { templateHeaderOf, type CellValue, type SheetColumn } from '../columns/sheetColumn';
import { VILLAGE_COLUMNS } from '../columns/villageColumns';
import { netIncomeOf, type IncomeRow } from '../db/snapshotRows';
import type { SheetName, TemplateRecord } from './rowSource';

export type { CellValue } from '../columns/sheetColumn';

/**
 * The standard template as the demo and the tests write it: each sheet's headers and cells come
 * from its column table (columns/*Columns.ts), a cell from the row's field by the column's kind.
 */
interface TemplateSheet {
  /** Title row above the header, after the county name ("青山县脱贫户信息表"). */
  readonly title: string;
  readonly columns: readonly SheetColumn[];
}

export const TEMPLATE_SHEETS: Readonly<Record<SheetName, TemplateSheet>> = {
  户信息: { title: '脱贫户信息表', columns: HOUSEHOLD_COLUMNS },
  家庭成员: { title: '家庭成员信息表', columns: MEMBER_COLUMNS },
  收入情况: { title: '收入情况表', columns: INCOME_COLUMNS },
  帮扶措施: { title: '帮扶措施表', columns: MEASURE_COLUMNS },
  状态变化: { title: '状态变化表', columns: EVENT_COLUMNS },
  村情: { title: '村情表', columns: VILLAGE_COLUMNS },
};

function yesNo(v: unknown): string | null {
  return typeof v === 'boolean' ? (v ? '是' : '否') : null;
}

/** Dates as the exports show them; a month-only date (YYYY-MM) as YYYYMM, one of the forms the import reads. */
function dateText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  return /^\d{4}-\d{2}$/.test(v) ? v.replace('-', '') : v;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function plainCell(v: unknown): CellValue {
  return typeof v === 'string' || typeof v === 'number' ? v : null;
}

type RowFields = Readonly<Record<string, unknown>> & { readonly plainValues?: Readonly<Record<string, unknown>> };

/** One cell of a row, by its column's kind. */
function cellOf(c: SheetColumn, row: RowFields): CellValue {
  if (c.kind === 'total') {
    // Exports carry both totals; the import checks them against the formula (±1 元).
    const income = row as unknown as IncomeRow;
    const net = netIncomeOf(income);
    return round2(c.key === 'perCapita' ? net / income.size : net);
  }
  const v = c.field === null ? null : c.plain ? row.plainValues?.[c.field] ?? null : row[c.field];
  switch (c.kind) {
    case 'flag': return yesNo(v);
    case 'date': return dateText(v);
    case 'list': {
      const list = Array.isArray(v) ? (v as readonly string[]) : [];
      // The numbered columns of one list (致贫返贫风险1–5) each take their item; a single column joins them.
      const n = /(\d)$/.exec(c.key);
      return n ? list[Number(n[1]) - 1] ?? null : list.length ? list.join('、') : null;
    }
    case 'amount':
      // An amount kept in 元 is shown in the template's own unit (村集体经济收入 in 万元, 4 decimals keep whole 元).
      if (c.defaultUnit === '万元' && typeof v === 'number') return Number((v / 10000).toFixed(4));
      return plainCell(v);
    default: return plainCell(v);
  }
}

export function headersOf(sheet: SheetName): string[] {
  return TEMPLATE_SHEETS[sheet].columns.map(templateHeaderOf);
}

/** The cells of one record, in header order. */
export function cellsOf(record: TemplateRecord): CellValue[] {
  const row = record.row as unknown as RowFields;
  return TEMPLATE_SHEETS[record.sheet].columns.map((c) => cellOf(c, row));
}

/** The example row of a sheet (what a statistician would fill in), in header order. */
export function exampleCellsOf(sheet: SheetName): CellValue[] {
  return TEMPLATE_SHEETS[sheet].columns.map((c) => c.example);
}

/** The title rows real exports put above the header. */
export function titleRowsOf(sheet: SheetName, countyName: string, exportDate: string): string[][] {
  return [[`${countyName}${TEMPLATE_SHEETS[sheet].title}`], [`导出日期：${exportDate}`]];
}
