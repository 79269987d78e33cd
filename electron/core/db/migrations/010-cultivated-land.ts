import type { Migration } from './migration';

/** 耕地面积(亩) of 户信息 (columns/householdColumns.ts); blank for the snapshots imported before it. */
export const migration010: Migration = {
  version: 10,
  name: 'cultivated-land',
  sql: `ALTER TABLE household ADD COLUMN cultivated_land REAL;`,
};
