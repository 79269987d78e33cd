import { HOUSEHOLD_CODE_ALIASES } from './householdColumns';
import { plainColumnsOf, type SheetColumn } from './sheetColumn';

/** 帮扶措施 (import-format.md): one measure per row, stored in `measure`; its class follows from its name. */
export const MEASURE_COLUMNS = [
  { key: 'code', header: '户编号', aliases: HOUSEHOLD_CODE_ALIASES, required: true,
    kind: 'household', field: 'householdCode', sql: ['household_id'], example: '5329990010010001' },
  { key: 'year', header: '年度',
    kind: 'year', field: 'year', sql: ['year'], example: 2018 },
  // The export's 措施类别 names the measure (综合保障, 就业帮扶 …); the class is stored beside it.
  { key: 'name', header: '措施类别', aliases: ['帮扶措施', '措施名称', '帮扶措施类别'], required: true,
    kind: 'label', field: 'name', sql: ['name', 'class'], example: '就业帮扶' },
  { key: 'content', header: '措施内容',
    kind: 'text', field: 'content', sql: ['content'], example: '公益性岗位（护林员）' },
  { key: 'amount', header: '金额', aliases: ['帮扶金额'], amount: true, templateHeader: '金额（元）',
    kind: 'amount', field: 'amount', sql: ['amount'], example: 6000 },
] as const satisfies readonly SheetColumn[];

export type MeasureColumn = (typeof MEASURE_COLUMNS)[number]['key'];

/** The table's plain columns: read, carried and stored by their kind alone. */
export const MEASURE_PLAIN = plainColumnsOf(MEASURE_COLUMNS);
