import { type Cell, type RawRow, isBlankRow } from './cell';
import { HEADER_SCAN_ROWS, type LocatedHeader, locateHeader } from './headerLocator';
import type { IssueCollector, IssueLocation } from './issueCollector';
import type { ParsedSnapshot } from './parsedSnapshot';
import { RowReader, type SheetOrigin } from './rowReader';
import {
  SHEET_SCHEMAS, type SheetKind, type SheetSchema,
} from './sheetSchemas';
import { EventSheet } from './sheets/eventSheet';
import { HouseholdSheet } from './sheets/householdSheet';
import { IncomeSheet } from './sheets/incomeSheet';
import { MeasureSheet } from './sheets/measureSheet';
import { MemberSheet } from './sheets/memberSheet';
import type { SheetHandler } from './sheets/sheetHandler';
import { VillageSheet } from './sheets/villageSheet';
import { releaseMemory } from './releaseMemory';
import { foldHeader } from './headerText';

/** Heap in use above which a finished sheet is followed by a full collection (a county of some size). */
const LARGE_HEAP_BYTES = 256 * 1024 * 1024;

/** What a reader feeds: the rows of one sheet (or CSV file), in order, in batches. */
export interface RowSink {
  rows(batch: readonly RawRow[]): void;
  end(): void;
}

/**
 * The schema a sheet's name announces: 户信息, 户信息表, 收入情况(2), 2020年收入情况… (a large
 * county's income does not fit in one Excel sheet, so several sheets may say 收入情况: their rows
 * are one table, in the workbook's order, each row located on its own sheet).
 */
export function schemaForName(name: string, schemas: readonly SheetSchema[] = SHEET_SCHEMAS): SheetSchema | null {
  const folded = foldHeader(name);
  for (const s of schemas) if (folded.includes(s.name)) return s;
  return null;
}

/**
 * Headers the user mapped by hand in the import dialog: per sheet name (户信息 …), the export's
 * header → the template header it means (e.g. {"户信息": {"户籍人口": "家庭人口数"}}).
 */
export type ColumnMapping = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The template's schemas with the user's mapped headers added as aliases. */
export function schemasWithMapping(mapping: ColumnMapping | undefined): readonly SheetSchema[] {
  if (!mapping) return SHEET_SCHEMAS;
  return SHEET_SCHEMAS.map((schema) => {
    const extra = mapping[schema.name];
    if (!extra) return schema;
    const columns = schema.columns.map((c) => {
      const added = Object.entries(extra).filter(
        ([, target]) => foldHeader(target) === foldHeader(c.header),
      ).map(([header]) => header);
      return added.length ? { ...c, aliases: [...(c.aliases ?? []), ...added] } : c;
    });
    return { ...schema, columns };
  });
}

function isTotalRow(cells: readonly Cell[]): boolean {
  for (let i = 0; i < 3 && i < cells.length; i++) {
    const c = cells[i];
    // Every such label has 计: the regex runs only on the rare cell that does.
    if (typeof c === 'string' && c.indexOf('计') !== -1 && /合\s*计|总\s*计|小\s*计/.test(c)) return true;
  }
  return false;
}

/** Sends each sheet's rows to the handler of its kind once its header is known. */
export class SheetDispatcher {
  /** Given 纯收入 / 人均纯收入 of each income row, in IncomeStore order. */
  readonly incomeTotals = { net: [] as number[], perCapita: [] as number[] };

  private readonly schemas: readonly SheetSchema[];

  constructor(
    private readonly parsed: ParsedSnapshot, private readonly issues: IssueCollector, mapping?: ColumnMapping,
  ) {
    this.schemas = schemasWithMapping(mapping);
  }

  /** A reader's finding that is not a refusal (a dangling shared string, a duplicate zip entry). */
  readerWarning(code: string, message: string, at: IssueLocation): void {
    this.issues.warning(code, message, at);
  }

  openSheet(origin: SheetOrigin, name: string): RowSink {
    const named = schemaForName(name, this.schemas);
    const head: RawRow[] = [];
    let handler: SheetHandler | null = null;
    let decided = false;
    let dataAfter = 0;
    const where = { file: origin.file, sheet: origin.sheet, row: null, column: null };
    const label = origin.sheet ? `工作表「${origin.sheet}」` : `文件「${origin.file}」`;

    const decide = (): void => {
      decided = true;
      const header = locateHeader(head, named ? [named] : this.schemas);
      if (!header) {
        if (named?.kind === 'households') this.parsed.householdsIncomplete = true;
        if (named) {
          this.issues.error('header.notFound', `${label}的前 ${HEADER_SCAN_ROWS} 行中找不到表头（应含「${named.signature.map((k) => named.columns.find((c) => c.key === k)?.header).join('」「')}」等列）。`, where);
        } else if (head.length > 0) {
          this.issues.warning('sheet.unknown', `${label}不是模板中的表（户信息、家庭成员、收入情况、帮扶措施、状态变化、村情），已忽略。`, where);
        }
        return;
      }
      if (this.reportColumns(origin, header, label)) {
        if (header.schema.kind === 'households') this.parsed.householdsIncomplete = true;
        return;
      }
      const kind = header.schema.kind;
      this.parsed.sheets.push({ kind, file: origin.file, sheet: origin.sheet, firstItem: this.parsed.itemCount(kind) });
      if (header.titleDate) this.parsed.titleDates.push(header.titleDate);
      dataAfter = header.lastHeaderRow;
      handler = this.handlerFor(header, origin);
      for (const row of head) feed(row);
    };

    const feed = (row: RawRow): void => {
      if (!handler || row.number <= dataAfter || isBlankRow(row.cells) || isTotalRow(row.cells)) return;
      handler.row(row);
    };

    return {
      rows: (batch) => {
        for (const row of batch) {
          if (decided) {
            feed(row);
          } else if (!isBlankRow(row.cells)) {
            head.push(row);
            if (head.length >= HEADER_SCAN_ROWS) decide();
          }
        }
      },
      end: () => {
        if (!decided && head.length === 0) {
          decided = true;
          if (named) this.issues.warning('sheet.empty', `${label}是空的。`, where);
          return;
        }
        if (!decided) decide();
        (handler as SheetHandler | null)?.end();
        // Each sheet leaves its parsing garbage in the old generation; collected now, it does not
        // add up with the next sheet's (the read's memory peak is at the last large sheet).
        if (process.memoryUsage().heapUsed > LARGE_HEAP_BYTES) releaseMemory();
      },
    };
  }

  /** Reports unknown, duplicate and missing columns; true when a required column is missing. */
  private reportColumns(origin: SheetOrigin, header: LocatedHeader, label: string): boolean {
    const at = (column: string | null) => ({ file: origin.file, sheet: origin.sheet, row: header.headerRow, column });
    for (const u of header.unknown) {
      this.issues.warning('column.unknown', `${label}的列「${u.header}」不是模板中的列，已略过（未导入）。`, at(u.header), u.header);
    }
    for (const d of header.duplicates) {
      this.issues.warning('column.duplicate', `${label}的列「${d.header}」与前面的列重复，只用前一列。`, at(d.header), d.header);
    }
    let missing = false;
    for (const col of header.schema.columns) {
      if (!col.required || header.columns.has(col.key)) continue;
      missing = true;
      const also = col.aliases?.length ? `（也可写作：${col.aliases.join('、')}）` : '';
      this.issues.error('column.required', `${label}缺少必需的列「${col.header}」${also}。`, at(null), null, col.header);
    }
    return missing;
  }

  private handlerFor(header: LocatedHeader, origin: SheetOrigin): SheetHandler {
    const kind: SheetKind = header.schema.kind;
    switch (kind) {
      case 'households': return new HouseholdSheet(new RowReader(origin, header, this.issues), this.parsed);
      case 'members': return new MemberSheet(new RowReader(origin, header, this.issues), this.parsed);
      case 'income': return new IncomeSheet(new RowReader(origin, header, this.issues), this.parsed, this.incomeTotals);
      case 'measures': return new MeasureSheet(new RowReader(origin, header, this.issues), this.parsed);
      case 'events': return new EventSheet(new RowReader(origin, header, this.issues), this.parsed);
      case 'villages': return new VillageSheet(new RowReader(origin, header, this.issues), this.parsed);
    }
  }
}
