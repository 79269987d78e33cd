import { SHEET_NAMES, type SnapshotRowSource } from '../template/rowSource';
import type { DemoCounty } from './demoCounty';

/**
 * The demo county as a template row source: every sheet, generated afresh on each pass, with
 * only the parts a pass asks for (a 状态变化 pass does not draw incomes).
 */
export function demoRowSource(county: DemoCounty): SnapshotRowSource {
  return {
    countyName: county.meta.countyName,
    exportDate: county.meta.asOf,
    sheets: SHEET_NAMES,
    *rows(sheets) {
      if (sheets.has('村情')) for (const row of county.villages) yield { sheet: '村情', row };
      const parts = {
        household: sheets.has('户信息'),
        persons: sheets.has('家庭成员'),
        incomes: sheets.has('收入情况'),
        measures: sheets.has('帮扶措施'),
        events: sheets.has('状态变化'),
      };
      if (!parts.household && !parts.persons && !parts.incomes && !parts.measures && !parts.events) return;
      for (const h of county.householdRows(parts)) {
        if (h.household) yield { sheet: '户信息', row: h.household };
        for (const row of h.persons) yield { sheet: '家庭成员', row };
        for (const row of h.incomes) yield { sheet: '收入情况', row };
        for (const row of h.measures) yield { sheet: '帮扶措施', row };
        for (const row of h.events) yield { sheet: '状态变化', row };
      }
    },
  };
}
