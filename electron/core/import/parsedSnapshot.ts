import type { EventRow, HouseholdRow, MeasureRow, PersonRow, VillageRow } from '../db/snapshotRows';
import { IncomeStore } from './incomeStore';
import type { SheetKind } from './sheetSchemas';

/** Where a sheet's rows came from, for messages about the sheet as a whole. */
export interface SheetSeen {
  readonly kind: SheetKind;
  readonly file: string;
  readonly sheet: string | null;
  /**
   * Index of the sheet's first row among the rows of its kind: a county too large for one Excel
   * sheet continues on 收入情况(2) …, and a message about row i names the sheet that row is on.
   */
  readonly firstItem: number;
}

/**
 * Every 户编号 seen in any sheet gets an ordinal, so that income rows refer to their household by
 * a number and the key string is held once. Whether 户信息 defined it is known only at the end:
 * an xlsx may list 家庭成员 before 户信息.
 */
export class HouseholdIndex {
  private readonly ordinals = new Map<string, number>();
  private readonly codes: string[] = [];
  /** Index into ParsedSnapshot.households, or -1 while 户信息 has not defined the code. */
  private readonly defined: number[] = [];
  private lastCode: string | null = null;
  private lastOrdinal = -1;

  ordinal(code: string): number {
    // Rows come grouped by household (a member list, seven income years): comparing with the
    // last code is cheaper than hashing a fresh string for the Map each row.
    if (code === this.lastCode) return this.lastOrdinal;
    let o = this.ordinals.get(code);
    if (o === undefined) {
      o = this.codes.length;
      this.ordinals.set(code, o);
      this.codes.push(code);
      this.defined.push(-1);
    }
    this.lastCode = code;
    this.lastOrdinal = o;
    return o;
  }

  /** The code string held by the index (so that rows share one string per household). */
  intern(code: string): string {
    return this.codes[this.ordinal(code)] as string;
  }

  code(ordinal: number): string {
    return this.codes[ordinal] as string;
  }

  householdOf(ordinal: number): number {
    return this.defined[ordinal] ?? -1;
  }

  define(ordinal: number, householdIndex: number): void {
    this.defined[ordinal] = householdIndex;
  }

  lookup(code: string): number | undefined {
    return this.ordinals.get(code);
  }
}

/** Everything an import has read, validated and ready for the writer. */
export class ParsedSnapshot {
  readonly index = new HouseholdIndex();
  readonly households: HouseholdRow[] = [];
  readonly persons: PersonRow[] = [];
  readonly income = new IncomeStore();
  readonly measures: MeasureRow[] = [];
  readonly events: EventRow[] = [];
  readonly villages: VillageRow[] = [];
  readonly sheets: SheetSeen[] = [];
  /** Export dates found in title rows. */
  readonly titleDates: string[] = [];
  /** A 户信息 sheet was refused as a whole (missing column, no header): its households are unknown, not absent. */
  householdsIncomplete = false;
  /** Latest year any row speaks of, the fallback for the as-of date. */
  latestYear = 0;

  private readonly texts = new Map<string, string>();

  /**
   * One string for each repeated text (乡镇, 行政村, 民族, 措施内容…): a county names the same
   * village for a thousand households, and each row would otherwise hold its own copy.
   */
  pooled(text: string | null): string | null {
    if (text === null) return null;
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    if (this.texts.size < 200_000) this.texts.set(text, text);
    return text;
  }

  noteYear(year: number | null): void {
    if (year !== null && year > this.latestYear) this.latestYear = year;
  }

  /** Lets the rows go once they are written (a large county's rows are most of the heap). */
  release(): void {
    this.households.length = 0;
    this.persons.length = 0;
    this.income.clear();
    this.measures.length = 0;
    this.events.length = 0;
    this.villages.length = 0;
    this.texts.clear();
  }

  /** Rows of a kind read so far (the index the next sheet of that kind starts at). */
  itemCount(kind: SheetKind): number {
    switch (kind) {
      case 'households': return this.households.length;
      case 'members': return this.persons.length;
      case 'income': return this.income.length;
      case 'measures': return this.measures.length;
      case 'events': return this.events.length;
      case 'villages': return this.villages.length;
    }
  }

  /** The file and sheet the kind's row i was read from (the kind's first sheet when i is not known). */
  sheetOfItem(kind: SheetKind, i?: number): { file: string | null; sheet: string | null } {
    let found: SheetSeen | undefined;
    for (const s of this.sheets) {
      if (s.kind !== kind) continue;
      if (found && (i === undefined || s.firstItem > i)) break;
      found = s;
    }
    return { file: found?.file ?? null, sheet: found?.sheet ?? null };
  }

  hasSheet(kind: SheetKind): boolean {
    return this.sheets.some((s) => s.kind === kind);
  }
}
