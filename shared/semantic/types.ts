/**
 * The vocabulary of the pivot catalogue. The engine compiles SQL from these entries (a field or
 * measure that is not here cannot reach a query), the workbench lists them, and the CLI refuses
 * anything else with the list of valid keys.
 */

/**
 * What one row of the data a pivot counts stands for:
 * - household: one registered or monitored household of the snapshot (户信息);
 * - income: one household in one income year (收入情况);
 * - person: one member (家庭成员).
 */
export type Grain = 'household' | 'income' | 'person';

/** How a dimension's values are ordered in the output, the field list and the filter pickers. */
export type ValueOrder =
  /** Code-list order of shared/domain/codeLists.ts; values outside the list follow, by name. */
  | { readonly kind: 'codeList'; readonly labels: readonly string[] }
  /** A closed list (是/否, age groups, exit methods); the stored code is the position. */
  | { readonly kind: 'fixed'; readonly labels: readonly string[] }
  /** By 统计用区划代码 when the export has one, else by name. */
  | { readonly kind: 'area' }
  /** By name (county). */
  | { readonly kind: 'name' }
  /** Years: numerically. */
  | { readonly kind: 'numeric' };

export type FieldGroup = '地区' | '户基本情况' | '脱贫与返贫' | '防返贫监测' | '收入' | '家庭成员' | '户数与人数' | '占比';

export interface DimensionDef {
  readonly key: string;
  /** Chinese label shown in the field list, the headers and exports. */
  readonly label: string;
  readonly group: FieldGroup;
  readonly type: 'category' | 'year' | 'boolean';
  /**
   * household: usable in every pivot; income: only with income rows (收入年度);
   * person: member attributes, usable only with member counts.
   */
  readonly grain: Grain;
  /** Where the value comes from in the snapshot schema (table.column or the rule that derives it). */
  readonly source: string;
  /** The column of the pivot fact tables that holds it (an identifier the compiler may use). */
  readonly column: string;
  readonly order: ValueOrder;
  /** The label of a blank value in the output (so that null keys mean "all" only in totals). */
  readonly missingLabel: string;
  readonly koujing: string;
}

/** Additive sums the engine reads from the fact tables; every measure is a function of them. */
export type Component = 'n' | 'size' | 'net' | 'wage' | 'netBusiness' | 'property' | 'transfer' | 'support' | 'members';

export type MeasureFormula =
  | { readonly kind: 'sum'; readonly component: Component }
  | { readonly kind: 'perCapita'; readonly numerator: Component }
  | { readonly kind: 'weightedMedian' };

/** How a value is printed: integers (户, 人), 元 with thousands separators, or a share in %. */
export type MeasureFormat = 'count' | 'yuan' | 'share';

export interface MeasureDef {
  readonly key: string;
  readonly label: string;
  readonly group: FieldGroup;
  /**
   * household: counts usable with household data and with income rows (the 口径 then changes, see
   * koujingIncome); income: needs income rows, so the pivot reads the income year; person: needs
   * member rows.
   */
  readonly grain: Grain;
  readonly formula: MeasureFormula;
  readonly unit: '户' | '人' | '元' | '元/人' | '';
  readonly format: MeasureFormat;
  /** A sum that can be split and added up again, so that shares of totals make sense. */
  readonly additive: boolean;
  /** A named share measure: the base measure as a share of the grand total. */
  readonly shareOf?: { readonly measure: string; readonly of: 'grand' };
  /** How it aggregates, in words (the field list's tooltip, the export's 口径 block). */
  readonly aggregation: string;
  readonly koujing: string;
  /** The 口径 when the pivot reads income rows, where it differs. */
  readonly koujingIncome?: string;
  /** The 口径 when the pivot reads member rows, where it differs. */
  readonly koujingPerson?: string;
}

export type FilterOp = 'in' | 'notIn' | 'between' | 'isNull' | 'notNull';

export const FILTER_OPS: readonly FilterOp[] = ['in', 'notIn', 'between', 'isNull', 'notNull'];

export const FILTER_OP_LABELS: Readonly<Record<FilterOp, string>> = {
  in: '属于', notIn: '不属于', between: '介于（含两端）', isNull: '为空', notNull: '不为空',
};

export type ShareBase = 'grand' | 'row' | 'column';

export const SHARE_BASES: readonly ShareBase[] = ['grand', 'row', 'column'];

export const SHARE_LABELS: Readonly<Record<ShareBase, string>> = {
  grand: '占总计的比例', row: '占行合计的比例', column: '占列合计的比例',
};
