import type { RawRow } from '../cell';
import type { ParsedSnapshot } from '../parsedSnapshot';
import type { RowReader } from '../rowReader';
import { INCOME_AMOUNTS, type IncomeColumn } from '../../columns/incomeColumns';
import { HouseholdCodes } from './householdCodes';
import type { SheetHandler } from './sheetHandler';

const TRANSFER_ITEMS = ['familyPlanning', 'dibao', 'tekun', 'pension', 'eco', 'otherTransfer'] as const;
const MAIN_SOURCES = ['wage', 'business', 'businessCost', 'property'] as const;
const TRANSFER_AT = INCOME_AMOUNTS.indexOf('transfer');
const AMOUNT_COLUMNS: readonly IncomeColumn[] = INCOME_AMOUNTS;
const TRANSFER_ITEMS_AT = TRANSFER_ITEMS.map((k) => INCOME_AMOUNTS.indexOf(k));
const MAIN_SOURCES_AT = MAIN_SOURCES.map((k) => INCOME_AMOUNTS.indexOf(k));

/** Given 纯收入 and 人均纯收入, kept beside the row until household sizes are known. */
export interface GivenTotals {
  readonly net: Float64Array;
  readonly perCapita: Float64Array;
}

/**
 * 收入情况: one row per household and year. A blank amount stays missing (NaN here, NULL in the
 * database) and is reported; 转移性收入 is checked against its items here, 纯收入 and 人均纯收入
 * after the import, when every household's size is known (crossChecks.ts).
 */
export class IncomeSheet implements SheetHandler {
  private readonly values = new Float64Array(INCOME_AMOUNTS.length);
  private net: number[] = [];
  private perCapita: number[] = [];
  private readonly codes: HouseholdCodes;

  constructor(
    private readonly r: RowReader<IncomeColumn>,
    private readonly parsed: ParsedSnapshot,
    private readonly totals: { net: number[]; perCapita: number[] },
  ) {
    this.codes = new HouseholdCodes(parsed.index);
    this.net = totals.net;
    this.perCapita = totals.perCapita;
    for (const k of INCOME_AMOUNTS) {
      if (!r.has(k) && (MAIN_SOURCES as readonly string[]).includes(k)) {
        r.warning(null, 'column.amountMissing', `收入情况没有「${k === 'wage' ? '工资性收入' : k === 'business' ? '生产经营性收入' : k === 'businessCost' ? '生产经营性支出' : '财产性收入'}」列：这一项按缺失（计 0）处理。`);
      }
    }
  }

  row(raw: RawRow): void {
    const r = this.r.at(raw);
    const code = r.key('code', true);
    const year = r.year('year', true);
    const size = r.count('size', 1, 10_000, 'warning', false);
    const v = this.values;
    r.amounts(AMOUNT_COLUMNS, v);
    const net = r.has('net') ? r.amount('net') : NaN;
    const perCapita = r.has('perCapita') ? r.amount('perCapita') : NaN;
    this.reportBlanks();
    if (code === null || year === null) return;
    this.parsed.noteYear(year);
    this.parsed.income.push(this.codes.ordinal(code), year, size ?? 0, raw.number, v);
    this.net.push(net);
    this.perCapita.push(perCapita);
  }

  end(): void {}

  private reportBlanks(): void {
    const r = this.r;
    const v = this.values;
    for (let i = 0; i < MAIN_SOURCES.length; i++) {
      const k = MAIN_SOURCES[i] as IncomeColumn;
      if (Number.isNaN(v[MAIN_SOURCES_AT[i] as number] as number) && r.has(k) && r.cell(k) === null) {
        r.warning(k, 'amount.blank', `收入情况第 ${r.rowNumber} 行：「${r.where(k).column ?? k}」为空，按缺失（计 0）处理。`, '金额（元）');
      }
    }
    const transfer = v[TRANSFER_AT] as number;
    let itemSum = 0;
    let itemsGiven = 0;
    for (const at of TRANSFER_ITEMS_AT) {
      const x = v[at] as number;
      if (!Number.isNaN(x)) {
        itemSum += x;
        itemsGiven++;
      }
    }
    if (Number.isNaN(transfer)) {
      if (itemsGiven === 0) {
        r.warning('transfer', 'amount.blank', `收入情况第 ${r.rowNumber} 行：转移性收入及其各项都为空，按缺失（计 0）处理。`, '金额（元）');
      } else if (itemsGiven < TRANSFER_ITEMS.filter((k) => r.has(k)).length) {
        r.warning('transfer', 'amount.blank', `收入情况第 ${r.rowNumber} 行：转移性收入为空，按各项之和计，其中有空项（计 0）。`, '金额（元）');
      }
    } else if (itemsGiven > 0 && Math.abs(transfer - itemSum) > 1) {
      r.warning('transfer', 'income.transferMismatch',
        `收入情况第 ${r.rowNumber} 行：转移性收入 ${transfer} 与各项之和 ${round2(itemSum)} 相差超过 1 元，按填报的转移性收入计。`, String(round2(itemSum)));
    }
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
