import type { EventRow, HouseholdRow, IncomeRow, MeasureRow, PersonRow, VillageRow } from '../db/snapshotRows';

/** The sheets of the standard template (import-format.md), in the order a workbook lists them. */
export const SHEET_NAMES = ['户信息', '家庭成员', '收入情况', '帮扶措施', '状态变化', '村情'] as const;
export type SheetName = (typeof SHEET_NAMES)[number];

export type TemplateRecord =
  | { readonly sheet: '户信息'; readonly row: HouseholdRow }
  | { readonly sheet: '家庭成员'; readonly row: PersonRow }
  | { readonly sheet: '收入情况'; readonly row: IncomeRow }
  | { readonly sheet: '帮扶措施'; readonly row: MeasureRow }
  | { readonly sheet: '状态变化'; readonly row: EventRow }
  | { readonly sheet: '村情'; readonly row: VillageRow };

/**
 * Any snapshot's rows, as the template writers read them. rows(sheets) is one pass over the rows of
 * the asked sheets (interleaved as the source likes, each sheet's rows in order). A workbook is
 * written one sheet per pass (a zip entry must be finished before the next one starts); a CSV
 * set in a single pass.
 */
export interface SnapshotRowSource {
  readonly countyName: string;
  /** YYYY-MM-DD, shown in the title rows as the export date. */
  readonly exportDate: string;
  /** The sheets to write (户信息 is required by the import; the others are optional). */
  readonly sheets: readonly SheetName[];
  rows(sheets: ReadonlySet<SheetName>): Iterable<TemplateRecord>;
}

export interface SnapshotRowArrays {
  readonly countyName: string;
  readonly exportDate: string;
  readonly households: readonly HouseholdRow[];
  readonly persons?: readonly PersonRow[];
  readonly incomes?: readonly IncomeRow[];
  readonly measures?: readonly MeasureRow[];
  readonly events?: readonly EventRow[];
  readonly villages?: readonly VillageRow[];
}

/**
 * A source over rows already in memory (tests writing small variants). A sheet is written when
 * its array is given, even empty (header only); left out, the sheet is absent from the file.
 */
export function rowSourceOf(arrays: SnapshotRowArrays): SnapshotRowSource {
  const bySheet: { [K in SheetName]: readonly Extract<TemplateRecord, { sheet: K }>['row'][] | undefined } = {
    户信息: arrays.households,
    家庭成员: arrays.persons,
    收入情况: arrays.incomes,
    帮扶措施: arrays.measures,
    状态变化: arrays.events,
    村情: arrays.villages,
  };
  return {
    countyName: arrays.countyName,
    exportDate: arrays.exportDate,
    sheets: SHEET_NAMES.filter((s) => bySheet[s] !== undefined),
    *rows(sheets) {
      for (const sheet of SHEET_NAMES) {
        if (!sheets.has(sheet)) continue;
        for (const row of bySheet[sheet] ?? []) yield { sheet, row } as TemplateRecord;
      }
    },
  };
}
