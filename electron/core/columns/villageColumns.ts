import { AREA_CODE_ALIASES, TOWNSHIP_ALIASES, VILLAGE_ALIASES } from './householdColumns';
import type { SheetColumn } from './sheetColumn';

/**
 * 村情 (import-format.md): one village (and year) per row. The village is stored in `area`, a
 * year's figures in `village_year` (snapshotWriter.ts upserts both).
 */
export const VILLAGE_COLUMNS = [
  { key: 'areaCode', header: '行政区划代码', aliases: AREA_CODE_ALIASES,
    kind: 'label', field: 'areaCode', sql: ['code'], example: '532999101201' },
  { key: 'township', header: '乡镇', aliases: TOWNSHIP_ALIASES, required: true,
    kind: 'label', field: 'township', sql: ['township'], example: '城关镇' },
  { key: 'village', header: '行政村', aliases: VILLAGE_ALIASES, required: true,
    kind: 'label', field: 'village', sql: ['name'], example: '东坡村' },
  { key: 'poorVillage', header: '是否贫困村', aliases: ['贫困村'],
    kind: 'flag', field: 'poorVillage', sql: ['poor_village'], example: '是' },
  { key: 'delistedYear', header: '出列年度', aliases: ['贫困村出列年度'],
    kind: 'year', field: 'delistedYear', sql: ['delisted_year'], example: 2018 },
  { key: 'year', header: '年度',
    kind: 'year', field: 'year', sql: ['year'], example: 2020 },
  { key: 'collectiveIncome', header: '村集体经济收入', amount: true, defaultUnit: '万元', templateHeader: '村集体经济收入（万元）',
    kind: 'amount', field: 'collectiveIncome', sql: ['collective_income'], example: 12.5 },
] as const satisfies readonly SheetColumn[];

export type VillageColumn = (typeof VILLAGE_COLUMNS)[number]['key'];
