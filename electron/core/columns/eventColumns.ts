import { HOUSEHOLD_CODE_ALIASES } from './householdColumns';
import { plainColumnsOf, type SheetColumn } from './sheetColumn';

/** 状态变化 (import-format.md): one change of a household's status per row, stored in `event`. */
export const EVENT_COLUMNS = [
  { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true,
    kind: 'household', field: 'householdCode', sql: ['household_id'], example: '5329990010010001' },
  { key: 'year', header: '年度', aliases: ['变化年度'], required: true,
    kind: 'year', field: 'year', sql: ['year'], example: 2017 },
  { key: 'type', header: '变化类型', aliases: ['变动类型'], required: true,
    kind: 'label', field: 'type', sql: ['type'], example: '脱贫' },
  { key: 'reason', header: '原因', aliases: ['变化原因'],
    kind: 'label', field: 'reason', sql: ['reason'], example: null },
  { key: 'date', header: '日期', aliases: ['变化日期'],
    kind: 'date', field: 'date', sql: ['date'], example: '2017-11-20' },
] as const satisfies readonly SheetColumn[];

export type EventColumn = (typeof EVENT_COLUMNS)[number]['key'];

/** The table's plain columns: read, carried and stored by their kind alone. */
export const EVENT_PLAIN = plainColumnsOf(EVENT_COLUMNS);
