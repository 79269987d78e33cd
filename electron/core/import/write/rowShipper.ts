import type { EventRow, HouseholdRow, MeasureRow, PersonRow } from '../../db/snapshotRows';
import { INCOME_AMOUNTS } from '../../columns/incomeColumns';
import type { ParsedSnapshot } from '../parsedSnapshot';
import type { SheetKind } from '../sheetSchemas';
import type { RowTable } from '../../db/snapshotWriter';
import type { BackgroundWrite } from './backgroundWrite';
import { EVENT_CODEC, HOUSEHOLD_CODEC, MEASURE_CODEC, PERSON_CODEC, RowEncoder, type RowCodec } from './rowCodec';
import { type ChildTable, INCOME_INTS } from './writeProtocol';

/** Rows per message to the write thread. */
const BATCH = 8_192;
const AMOUNTS = INCOME_AMOUNTS.length;

const TABLE_OF: Readonly<Record<SheetKind, RowTable | null>> = {
  households: 'household', members: 'person', income: 'income', measures: 'measure', events: 'event', villages: null,
};

interface ChildStream<T> {
  readonly table: ChildTable;
  readonly encoder: RowEncoder<T>;
  /** Rows of the parsed array looked at so far. */
  seen: number;
  /** Rows whose household 户信息 had not given yet (an .xlsx may list 家庭成员 first). */
  readonly waiting: number[];
}

/**
 * Sends what the import has read to its write thread as the reading goes on. A household goes
 * as soon as 户信息 gives it; a member, income, measure or event row as soon as its household has
 * gone (the thread needs the household's id), else it waits for the end of the reading. Rows are
 * never taken back: an import that turns out to have errors is rolled back whole.
 */
export class RowShipper {
  private households = 0;
  private readonly householdEncoder: RowEncoder<HouseholdRow>;
  private readonly persons: ChildStream<PersonRow>;
  private readonly measures: ChildStream<MeasureRow>;
  private readonly events: ChildStream<EventRow>;
  private incomeSeen = 0;
  private readonly incomeWaiting: number[] = [];
  private sheetsSeen = 0;
  private readonly tablesDone = new Set<RowTable>();

  /** The ID numbers are parsed here and hashed on the write thread (rowCodec.ts). */
  constructor(private readonly parsed: ParsedSnapshot, private readonly write: BackgroundWrite) {
    const place = (code: string): number => parsed.index.householdOf(parsed.index.ordinal(code));
    const stream = <T>(table: ChildTable, codec: RowCodec<T, unknown>): ChildStream<T> => ({
      table, encoder: new RowEncoder(codec, place), seen: 0, waiting: [],
    });
    this.householdEncoder = new RowEncoder(HOUSEHOLD_CODEC, place);
    this.persons = stream('persons', PERSON_CODEC);
    this.measures = stream('measures', MEASURE_CODEC);
    this.events = stream('events', EVENT_CODEC);
  }

  /** Sends the rows read since the last call. */
  pump(): void {
    if (this.write.error) return;
    const { households } = this.parsed;
    for (; this.households < households.length; this.households += BATCH) {
      const from = this.households;
      const n = Math.min(BATCH, households.length - from);
      this.write.households(this.householdEncoder.encode(n, (k) => households[from + k] as HouseholdRow));
    }
    this.households = households.length;
    this.pumpChildren(this.persons, this.parsed.persons);
    this.pumpIncome();
    this.pumpChildren(this.measures, this.parsed.measures);
    this.pumpChildren(this.events, this.parsed.events);
    this.noteFinishedSheets();
  }

  /**
   * When a sheet of another kind opens, the tables of the kinds read before it are most likely
   * complete (files come in template order; a workbook lists each sheet once): the thread builds
   * their indexes while this thread reads on. A later sheet of the same kind (收入情况(2)) is
   * still written right, only slower, into the indexed table.
   */
  private noteFinishedSheets(): void {
    const sheets = this.parsed.sheets;
    if (sheets.length === this.sheetsSeen) return;
    this.sheetsSeen = sheets.length;
    const current = (sheets[sheets.length - 1] as (typeof sheets)[number]).kind;
    const done: RowTable[] = [];
    for (const s of sheets.slice(0, -1)) {
      const table = TABLE_OF[s.kind];
      if (table && s.kind !== current && !this.tablesDone.has(table)) {
        this.tablesDone.add(table);
        done.push(table);
      }
    }
    if (done.length) this.write.tablesDone(done);
  }

  /**
   * After the reading: sends what was waiting for its household, and the events derived from
   * 户信息 when the export had no 状态变化 sheet. Only called when no row names an unknown
   * household (the import has no errors).
   */
  flush(derivedEvents: readonly EventRow[] | null): void {
    this.pump();
    this.sendWaiting(this.persons, this.parsed.persons);
    this.sendWaiting(this.measures, this.parsed.measures);
    this.sendWaiting(this.events, this.parsed.events);
    if (this.incomeWaiting.length) this.sendIncome(this.incomeWaiting.splice(0));
    if (derivedEvents) {
      for (let from = 0; from < derivedEvents.length; from += BATCH) {
        const n = Math.min(BATCH, derivedEvents.length - from);
        this.write.children('events', this.events.encoder.encode(n, (k) => derivedEvents[from + k] as EventRow));
      }
    }
  }

  /** The household's place in 户信息 if it has gone to the thread, else −1. */
  private sentPlace(code: string): number {
    const h = this.parsed.index.householdOf(this.parsed.index.ordinal(code));
    return h >= 0 && h < this.households ? h : -1;
  }

  private pumpChildren<T extends { readonly householdCode: string }>(s: ChildStream<T>, rows: readonly T[]): void {
    if (s.seen >= rows.length) return;
    const ready: number[] = [];
    const places: number[] = [];
    for (let i = s.seen; i < rows.length; i++) {
      const place = this.sentPlace((rows[i] as T).householdCode);
      if (place >= 0) {
        ready.push(i);
        places.push(place);
      } else {
        s.waiting.push(i);
      }
    }
    s.seen = rows.length;
    this.sendRows(s, rows, ready, places);
  }

  private sendWaiting<T>(s: ChildStream<T>, rows: readonly T[]): void {
    this.sendRows(s, rows, s.waiting.splice(0), null);
  }

  private sendRows<T>(
    s: ChildStream<T>, rows: readonly T[], at: readonly number[], places: readonly number[] | null,
  ): void {
    for (let from = 0; from < at.length; from += BATCH) {
      const n = Math.min(BATCH, at.length - from);
      this.write.children(s.table, s.encoder.encode(n, (k) => rows[at[from + k] as number] as T,
        places ? (k) => places[from + k] as number : undefined));
    }
  }

  private pumpIncome(): void {
    const store = this.parsed.income;
    if (this.incomeSeen >= store.length) return;
    const ready: number[] = [];
    const { index } = this.parsed;
    for (let i = this.incomeSeen; i < store.length; i++) {
      const h = index.householdOf(store.household(i));
      if (h >= 0 && h < this.households) ready.push(i);
      else this.incomeWaiting.push(i);
    }
    this.incomeSeen = store.length;
    this.sendIncome(ready);
  }

  private sendIncome(at: readonly number[]): void {
    const store = this.parsed.income;
    const { index } = this.parsed;
    for (let from = 0; from < at.length; from += BATCH) {
      const n = Math.min(BATCH, at.length - from);
      const ints = new Int32Array(n * INCOME_INTS);
      const amounts = new Float64Array(n * AMOUNTS);
      for (let k = 0; k < n; k++) {
        const i = at[from + k] as number;
        ints[k * INCOME_INTS] = index.householdOf(store.household(i));
        ints[k * INCOME_INTS + 1] = store.year(i);
        ints[k * INCOME_INTS + 2] = store.size(i);
        ints[k * INCOME_INTS + 3] = store.sourceRow(i);
        for (let a = 0; a < AMOUNTS; a++) amounts[k * AMOUNTS + a] = store.amount(i, a);
      }
      this.write.income({ count: n, ints, amounts });
    }
  }
}
