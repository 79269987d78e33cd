import type { CodeList } from '../../../shared/domain/codeLists';
import { resolveCode, type ResolvedCode } from '../../../shared/domain/codeLists';
import { type Cell, type RawRow, cellDisplay } from './cell';
import type { LocatedHeader, MatchedColumn } from './headerLocator';
import type { IssueCollector, IssueLocation } from './issueCollector';
import { parseAmount, plainNumberValue, scaledAmount } from './values/parseAmount';
import { parseCount } from './values/parseCount';
import { parseDate, plainIsoDate } from './values/parseDate';
import { detachString } from './values/detachString';
import { foldValue } from './values/foldText';
import { isPlainTextKey, parseTextKey } from './values/parseTextKey';
import { parseYear } from './values/parseYear';
import { parseYesNo } from './values/parseYesNo';
import { IMPORT_LIMITS, grouped } from './limits/importLimits';

const MAX_AMOUNT = IMPORT_LIMITS.amountYuan;
const IMPLAUSIBLE = `绝对值不超过 ${grouped(MAX_AMOUNT)} 元的金额`;

const resolved = new Map<CodeList, Map<string, ResolvedCode>>();

/** Where the rows of one sheet come from: the file, and the sheet (null for a CSV file). */
export interface SheetOrigin {
  readonly file: string;
  readonly sheet: string | null;
  readonly date1904: boolean;
}

/**
 * Reads the typed values of one row by column key and reports what it cannot read, located at
 * the row and the column's header as the user sees them. One instance per sheet, moved from row
 * to row (no object per cell).
 */
export class RowReader<K extends string> {
  private row: RawRow = { number: 0, cells: [] };
  /** The matched columns as an object: property access is cheaper than a Map lookup per cell. */
  private readonly columns: Partial<Record<string, MatchedColumn>> =
    Object.create(null) as Partial<Record<string, MatchedColumn>>;
  /** The columns of each key list given to amounts(), by the list. */
  private readonly columnLists = new Map<readonly K[], (MatchedColumn | undefined)[]>();

  constructor(
    private readonly origin: SheetOrigin,
    header: LocatedHeader,
    private readonly issues: IssueCollector,
  ) {
    for (const [key, col] of header.columns) this.columns[key] = col;
  }

  at(row: RawRow): this {
    this.row = row;
    return this;
  }

  get rowNumber(): number {
    return this.row.number;
  }

  has(key: K): boolean {
    return this.columns[key] !== undefined;
  }

  where(key: K | null): IssueLocation {
    return {
      file: this.origin.file,
      sheet: this.origin.sheet,
      row: this.row.number,
      column: key === null ? null : this.columns[key]?.header ?? null,
    };
  }

  cell(key: K): Cell {
    const col = this.columns[key];
    if (!col) return null;
    const c = this.row.cells[col.index];
    if (c === undefined || c === null) return null;
    // Only a string that starts with white space can be blank: no trim (and no new string) otherwise.
    if (typeof c === 'string' && (c.length === 0 || (c.charCodeAt(0) <= 32 || c.charCodeAt(0) === 0x3000) && c.trim() === '')) return null;
    return c;
  }

  display(key: K): string | null {
    return cellDisplay(this.cell(key));
  }

  error(key: K | null, code: string, message: string, expected: string | null = null): void {
    this.issues.error(code, message, this.where(key), key ? this.display(key) : null, expected);
  }

  warning(key: K | null, code: string, message: string, expected: string | null = null): void {
    this.issues.warning(code, message, this.where(key), key ? this.display(key) : null, expected);
  }

  private label(key: K): string {
    return this.columns[key]?.header ?? key;
  }

  private place(): string {
    return `${this.origin.sheet ?? this.origin.file} 第 ${this.row.number} 行`;
  }

  /** Trimmed text, detached from the source text: fit to be kept in a row. */
  text(key: K): string | null {
    const c = this.cell(key);
    if (c === null) return null;
    if (typeof c === 'string') return detachString(c.trim());
    return cellDisplay(c);
  }

  /** Trimmed text that may be a view into the source text: only to be looked up, never kept. */
  rawText(key: K): string | null {
    const c = this.cell(key);
    if (c === null) return null;
    if (typeof c === 'string') return c.trim();
    return cellDisplay(c);
  }

  /**
   * 户编号 / 证件号码: text that must not have gone through number formatting. The key may be a
   * view into the source text: a key that is kept goes through detachString (keptKey); one that
   * is only looked up (the 户编号 of a member or income row) need not be copied.
   */
  key(key: K, required: boolean): string | null {
    const c = this.cell(key);
    if (typeof c === 'string' && isPlainTextKey(c)) return c;
    const parsed = parseTextKey(c);
    switch (parsed.kind) {
      case 'ok':
        return parsed.value;
      case 'blank':
        if (required) this.error(key, 'value.required', `${this.place()}：「${this.label(key)}」为空，这一列必须填写。`, '非空文本');
        return null;
      case 'destroyed':
        this.error(key, 'key.numberFormatted',
          `${this.place()}：「${this.label(key)}」是超过 15 位的数字，Excel 已丢失末几位。请在导出系统中把这一列设为“文本”格式后重新导出。`,
          '文本格式的编号');
        return null;
      case 'invalid':
        this.error(key, 'key.invalid', `${this.place()}：「${this.label(key)}」不是有效的编号。`, '文本编号');
        return null;
    }
  }

  /** key(), detached from the source text: fit to be kept in a row. */
  keptKey(key: K, required: boolean): string | null {
    const k = this.key(key, required);
    return k === null ? null : detachString(k);
  }

  year(key: K, required: boolean): number | null {
    const c = this.cell(key);
    if (c === null) {
      if (required) this.error(key, 'value.required', `${this.place()}：「${this.label(key)}」为空，这一项必须填写。`, '年份，如 2016');
      return null;
    }
    const y = parseYear(c, this.origin.date1904);
    if (y === null) {
      const message = `${this.place()}：「${this.label(key)}」不是年份。`;
      if (required) this.error(key, 'year.invalid', message, '年份，如 2016、2016年');
      else this.warning(key, 'year.invalid', `${message}已按空值处理。`, '年份，如 2016、2016年');
    }
    return y;
  }

  /** YYYY-MM-DD, or YYYY-MM for a YYYYMM cell. */
  date(key: K): string | null {
    const c = this.cell(key);
    if (c === null) return null;
    if (typeof c === 'string') {
      const plain = plainIsoDate(c);
      if (plain !== null) return plain;
    }
    const d = parseDate(c, this.origin.date1904);
    if (!d) this.warning(key, 'date.invalid', `${this.place()}：「${this.label(key)}」不是日期，已按空值处理。`, '日期，如 2021-03-05、2021年3月5日、202103');
    return d?.iso ?? null;
  }

  yesNo(key: K): boolean | null {
    const r = parseYesNo(this.cell(key));
    if (r.ok) return r.value;
    this.warning(key, 'yesNo.invalid', `${this.place()}：「${this.label(key)}」应为“是”或“否”，已按空值处理。`, '是 / 否');
    return null;
  }

  /** An amount in 元; NaN for a blank (missing). Invalid text is an error: the figures would be wrong. */
  amount(key: K): number {
    const col = this.columns[key];
    if (!col) return NaN;
    const c = this.cell(key);
    const plain = typeof c === 'string' ? plainNumberValue(c) : NaN;
    if (!Number.isNaN(plain)) {
      // The common case without parseAmount's result object (two million rows of 14 amounts).
      const value = scaledAmount(plain, col.scale);
      if (!(Math.abs(value) <= MAX_AMOUNT)) return this.implausible(key);
      if (value < 0) this.warning(key, 'amount.negative', `${this.place()}：「${this.label(key)}」为负数。`, '≥ 0 的金额');
      return value;
    }
    const r = parseAmount(c, col.scale);
    if (!r.ok) {
      this.error(key, 'amount.invalid', `${this.place()}：「${this.label(key)}」不是金额。`, '数字（元），如 1,234.5');
      return NaN;
    }
    if (r.value === null) return NaN;
    if (!(Math.abs(r.value) <= MAX_AMOUNT)) return this.implausible(key);
    if (r.value < 0) this.warning(key, 'amount.negative', `${this.place()}：「${this.label(key)}」为负数。`, '≥ 0 的金额');
    return r.value;
  }

  /**
   * amount() of each of `keys` into `out`, in order, with the same values and messages: the
   * columns are looked up once per list rather than twice per cell, and a plain non-negative
   * amount in 元 is taken as it is (the 14 amounts of two million income rows).
   */
  amounts(keys: readonly K[], out: Float64Array): void {
    let columns = this.columnLists.get(keys);
    if (!columns) {
      columns = keys.map((k) => this.columns[k]);
      this.columnLists.set(keys, columns);
    }
    const cells = this.row.cells;
    for (let i = 0; i < keys.length; i++) {
      const col = columns[i];
      if (col === undefined) {
        out[i] = NaN;
        continue;
      }
      const c = cells[col.index];
      const plain = typeof c === 'string' && col.scale === 1 ? plainNumberValue(c) : NaN;
      out[i] = plain >= 0 && plain <= MAX_AMOUNT ? plain : this.amount(keys[i] as K);
    }
  }

  /** An amount no household, measure or village has: an error, so that it never enters a sum. */
  private implausible(key: K): number {
    this.error(key, 'amount.implausible',
      `${this.place()}：「${this.label(key)}」超过 10 亿元，不是可信的金额（可能是输入错误或单位错误）。`, IMPLAUSIBLE);
    return NaN;
  }

  /** A non-negative decimal in the column's own unit (亩, 平方米 …); unreadable or negative is a warning and blank. */
  quantity(key: K): number | null {
    const c = this.cell(key);
    if (c === null) return null;
    const r = parseAmount(c, 1);
    if (!r.ok || r.value === null || r.value < 0) {
      this.warning(key, 'quantity.invalid', `${this.place()}：「${this.label(key)}」应为不小于 0 的数，已按空值处理。`, '≥ 0 的数，如 3.5');
      return null;
    }
    return r.value;
  }

  /** A whole number in [min, max]; out of range or unreadable is reported at `severity`. */
  count(key: K, min: number, max: number, severity: 'error' | 'warning', required: boolean): number | null {
    const c = this.cell(key);
    if (c === null) {
      if (required) this.error(key, 'value.required', `${this.place()}：「${this.label(key)}」为空，这一项必须填写。`, `${min}–${max} 的整数`);
      return null;
    }
    const n = parseCount(c);
    if (n === null || n < min || n > max) {
      const expected = max >= 1000 ? `≥ ${min} 的整数` : `${min}–${max} 的整数`;
      const message = `${this.place()}：「${this.label(key)}」应为${expected}。`;
      if (severity === 'error') this.error(key, 'integer.invalid', message, expected);
      else this.warning(key, 'integer.invalid', `${message}已按空值处理。`, expected);
      return null;
    }
    return n;
  }

  /** A code-list value: its canonical label, or the export's own text (kept, and reported). */
  code(key: K, list: CodeList): string | null {
    const t = this.rawText(key);
    if (t === null) return null;
    return this.resolve(key, list, t);
  }

  /** `raw` may be a view into the source text: what is kept (cache key, unknown label) is a copy. */
  resolve(key: K, list: CodeList, raw: string): string {
    // Exports repeat a handful of labels millions of times: resolve each distinct text once.
    let cache = resolved.get(list);
    if (!cache) {
      cache = new Map();
      resolved.set(list, cache);
    }
    let r = cache.get(raw);
    if (!r) {
      const own = detachString(raw);
      r = resolveCode(list, own);
      if (cache.size < 10_000) cache.set(own, r);
    }
    if (!r.known) {
      this.warning(key, 'code.unknown', `${this.place()}：「${this.label(key)}」的值“${detachString(raw)}”不在${list.label}代码表中，已原样保留。`,
        list.values.map((v) => v.label).join('、'));
    }
    return r.known ? r.label : foldValue(r.label);
  }
}
