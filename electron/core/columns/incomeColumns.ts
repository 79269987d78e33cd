import { HOUSEHOLD_CODE_ALIASES } from './householdColumns';
import type { SheetColumn } from './sheetColumn';

/** An amount column: its row field is named as its key. */
function amount<K extends string>(key: K, header: string, sql: string, example: number, aliases?: readonly string[]) {
  return { key, header, ...(aliases ? { aliases } : {}), amount: true, kind: 'amount', field: key, sql: [sql], example } as const;
}

/**
 * 收入情况 (import-format.md): one row per household and year, stored in `income`. The amounts in
 * this order are also the order the import holds them in (incomeStore.ts). 纯收入 and 人均纯收入
 * are checked against the formula and stored as computed.
 */
export const INCOME_COLUMNS = [
  { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true,
    kind: 'household', field: 'householdCode', sql: ['household_id'], example: '5329990010010001' },
  { key: 'year', header: '年度', aliases: ['收入年度'], required: true,
    kind: 'year', field: 'year', sql: ['year'], example: 2020 },
  { key: 'size', header: '家庭人口数', aliases: ['人口数'],
    kind: 'count', field: 'size', sql: ['size'], example: 1 },
  amount('wage', '工资性收入', 'wage', 18000),
  amount('business', '生产经营性收入', 'business', 6500, ['家庭经营性收入']),
  amount('businessCost', '生产经营性支出', 'business_cost', 2100, ['生产经营费用支出']),
  amount('property', '财产性收入', 'property', 300),
  amount('transfer', '转移性收入', 'transfer', 3120),
  amount('familyPlanning', '计划生育金', 'family_planning', 0),
  amount('dibao', '低保金', 'dibao', 0),
  amount('tekun', '特困供养金', 'tekun', 0, ['五保金']),
  amount('pension', '养老保险金', 'pension', 1320, ['养老金']),
  amount('eco', '生态补偿金', 'eco', 800),
  amount('otherTransfer', '其他转移性收入', 'other_transfer', 1000),
  { key: 'net', header: '纯收入', aliases: ['家庭纯收入', '家庭年纯收入'], amount: true,
    kind: 'total', field: null, sql: ['net'], example: 25820 },
  { key: 'perCapita', header: '人均纯收入', aliases: ['年人均纯收入', '家庭年人均纯收入'], amount: true,
    kind: 'total', field: null, sql: ['per_capita'], example: 25820 },
] as const satisfies readonly SheetColumn[];

export type IncomeColumn = (typeof INCOME_COLUMNS)[number]['key'];

/** The amount fields of an income row, in the table's order (the order the import holds them in). */
export const INCOME_AMOUNTS = INCOME_COLUMNS.flatMap((c) => (c.kind === 'amount' ? [c.key] : []));
export type IncomeAmount = Extract<(typeof INCOME_COLUMNS)[number], { kind: 'amount' }>['key'];
