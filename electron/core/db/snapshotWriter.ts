import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import { idHashSecret } from '../identity/idSecret';
import { IdDigester } from '../identity/idDigest';
import { EVENT_COLUMNS, EVENT_PLAIN } from '../columns/eventColumns';
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_PLAIN } from '../columns/householdColumns';
import { INCOME_COLUMNS } from '../columns/incomeColumns';
import { MEASURE_COLUMNS, MEASURE_PLAIN } from '../columns/measureColumns';
import { MEMBER_COLUMNS, MEMBER_PLAIN } from '../columns/memberColumns';
import { insertSqlOf, plainSqlValues, type PlainColumn, type PlainValues } from '../columns/sheetColumn';
import {
  netIncomeOf, transferOf,
  type EventRow, type HouseholdRow, type IncomeRow, type MeasureRow, type PersonRow, type SnapshotMeta,
  type StoredHouseholdRow, type StoredIssue, type StoredPersonRow, type VillageRow,
} from './snapshotRows';

export interface SnapshotCounts {
  readonly households: number;
  readonly persons: number;
  readonly incomeRows: number;
  readonly measureRows: number;
  readonly eventRows: number;
}

function flag(v: boolean | null): number | null {
  return v === null ? null : v ? 1 : 0;
}

type SqlValue = string | number | bigint | Buffer | null;

/**
 * A row's values in its INSERT's order: the table's own columns (bound by the caller, field by
 * field, for the million-row tables), then the plain columns, which the table alone describes.
 */
function withPlain(
  values: SqlValue[], plain: readonly PlainColumn[], plainValues: PlainValues | undefined,
): SqlValue[] {
  if (plain.length > 0) values.push(...plainSqlValues(plain, plainValues));
  return values;
}

/** The INSERT texts, from the column tables (columns/*Columns.ts). */
const INSERT = {
  household: insertSqlOf('household', HOUSEHOLD_COLUMNS, ['source_row']),
  person: insertSqlOf('person', MEMBER_COLUMNS, ['source_row']),
  income: insertSqlOf('income', INCOME_COLUMNS, ['source_row']),
  measure: insertSqlOf('measure', MEASURE_COLUMNS, ['source_row']),
  event: insertSqlOf('event', EVENT_COLUMNS, ['derived', 'source_row']),
} as const;

/** Tables a snapshot writes rows into: their secondary indexes may be set aside during a bulk write. */
export const ROW_TABLES = ['household', 'person', 'income', 'measure', 'event'] as const;
export type RowTable = (typeof ROW_TABLES)[number];

export interface SnapshotWriteOptions {
  /**
   * Rows the caller is about to write (all tables). When they are many beside what the file
   * already holds, the secondary indexes of the row tables are dropped inside the transaction and
   * built again, sorted, just before COMMIT: far cheaper than keeping them up to date row by row.
   */
  readonly expectedRows?: number;
  /**
   * The rows come with their IDs hashed already (the write thread, addStored…): no secret is asked
   * for. It lives in the store of the process that started the import (the desktop's safeStorage).
   */
  readonly preHashed?: boolean;
}

interface IndexDef {
  readonly name: string;
  readonly sql: string;
  readonly table: string;
}

/**
 * Writes one snapshot inside a single transaction that the caller commits or rolls back, so an
 * import either lands whole or leaves the file as it was. Rows may be added in chunks between
 * awaits (progress, cancel): WAL readers keep seeing the old state until commit. Households must be
 * added before the rows that name them.
 */
/** A write at least this share of the rows already stored counts as bulk (see SnapshotWriteOptions). */
const BULK_SHARE = 0.25;
/** Page cache of the connection during a bulk write (negative: KiB). */
const BULK_CACHE_KIB = -65_536;
/** Helper threads of SQLite's sorter while the indexes are built again. */
const SORT_THREADS = 1;

function storedRows(db: Db): number {
  const row = db.prepare(
    `SELECT TOTAL(households + persons + income_rows + measure_rows + event_rows) AS n FROM snapshot`,
  ).get() as { n: number };
  return row.n;
}

export class SnapshotWriter {
  readonly snapshotId: number;
  private readonly householdIds = new Map<string, number>();
  /** Last arguments upserted per area: a repeated upsert changes nothing and is skipped. */
  private readonly areaArgs = new Map<string, string>();
  /** Indexes dropped for a bulk write and not yet built again (buildIndexes, COMMIT). */
  private readonly setAside: IndexDef[] = [];
  /** Names of every index dropped for this write. */
  private readonly dropped: string[] = [];
  /** foreign_keys as it was before a bulk write switched it off (it cannot change inside a transaction). */
  private readonly foreignKeysWere: boolean;
  /** cache_size as it was before a bulk write lowered it (null: not changed). */
  private cacheSizeWas: number | null = null;
  private readonly householdSizes = new Map<string, number>();
  /** Null for rows hashed before they come (preHashed: the import's write thread). */
  private readonly ids: IdDigester | null;
  private readonly keepNames: boolean;
  private open = true;
  private readonly counts = { households: 0, persons: 0, incomeRows: 0, measureRows: 0, eventRows: 0 };
  private readonly stmt: {
    household: Statement; person: Statement; income: Statement; measure: Statement; event: Statement;
    area: Statement; areaId: Statement; villageYear: Statement; issue: Statement;
  };

  private constructor(private readonly db: Db, meta: SnapshotMeta, options: SnapshotWriteOptions) {
    // Before BEGIN: a database without snapshots gets its first secret here (idSecret.ts), and a lost
    // secret refuses the write before anything is written.
    this.ids = options.preHashed ? null : new IdDigester(idHashSecret(db));
    this.keepNames = meta.keepNames;
    const bulk = options.expectedRows !== undefined && options.expectedRows >= BULK_SHARE * storedRows(db);
    this.foreignKeysWere = db.pragma('foreign_keys', { simple: true }) === 1;
    // The writer itself guarantees every key it writes (its own snapshot id, household ids it was
    // handed back): per-row lookups of the parent rows would only cost time.
    if (bulk && this.foreignKeysWere) db.pragma('foreign_keys = OFF');
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (e) {
      this.restoreConnection();
      throw e;
    }
    try {
      if (bulk) {
        this.dropIndexes();
        // Appends without indexes touch only the last pages of each table: a large page cache
        // would only hold written pages in memory until COMMIT (peak RSS of a large county).
        this.cacheSizeWas = db.pragma('cache_size', { simple: true }) as number;
        db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
      }
      const info = db.prepare(
        `INSERT INTO snapshot(county_code, county_name, as_of, source_name, source_sha256, imported_at, keep_names, events_derived, line_set)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(meta.countyCode, meta.countyName, meta.asOf, meta.sourceName, meta.sourceSha256, new Date().toISOString(),
        meta.keepNames ? 1 : 0, meta.eventsDerived ? 1 : 0, meta.lineSet ?? 'national');
      this.snapshotId = Number(info.lastInsertRowid);
      this.stmt = {
        household: db.prepare(INSERT.household),
        person: db.prepare(INSERT.person),
        income: db.prepare(INSERT.income),
        measure: db.prepare(INSERT.measure),
        event: db.prepare(INSERT.event),
        area: db.prepare(
          `INSERT INTO area(snapshot_id, level, code, township, name, poor_village, delisted_year) VALUES (?,?,?,?,?,?,?)
           ON CONFLICT(snapshot_id, level, township, name) DO UPDATE SET
             code = coalesce(excluded.code, area.code),
             poor_village = coalesce(excluded.poor_village, area.poor_village),
             delisted_year = coalesce(excluded.delisted_year, area.delisted_year)`,
        ),
        areaId: db.prepare(`SELECT id FROM area WHERE snapshot_id = ? AND level = ? AND township = ? AND name = ?`),
        villageYear: db.prepare(
          `INSERT OR REPLACE INTO village_year(snapshot_id, area_id, year, collective_income) VALUES (?,?,?,?)`,
        ),
        issue: db.prepare(
          `INSERT INTO import_issue(snapshot_id, severity, code, message, file, sheet, row, col, value, expected)
           VALUES (?,?,?,?,?,?,?,?,?,?)`,
        ),
      };
    } catch (e) {
      db.exec('ROLLBACK');
      this.restoreConnection();
      throw e;
    }
  }

  static begin(db: Db, meta: SnapshotMeta, options: SnapshotWriteOptions = {}): SnapshotWriter {
    return new SnapshotWriter(db, meta, options);
  }

  /** Index names set aside for this write (empty unless it is a bulk write). */
  get droppedIndexes(): readonly string[] {
    return [...this.dropped];
  }

  private dropIndexes(): void {
    const rows = this.db.prepare(
      `SELECT name, sql, tbl_name AS "table" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${ROW_TABLES.map(() => '?').join(',')})
       ORDER BY name`,
    ).all(...ROW_TABLES) as IndexDef[];
    for (const r of rows) {
      // Names come from sqlite_master itself; quoted as identifiers.
      this.db.exec(`DROP INDEX "${r.name.replaceAll('"', '""')}"`);
      this.setAside.push(r);
      this.dropped.push(r.name);
    }
  }

  /** Undoes what a bulk write changed on the connection (page cache, foreign-key checks). */
  private restoreConnection(): void {
    if (this.cacheSizeWas !== null) {
      this.db.pragma(`cache_size = ${this.cacheSizeWas}`);
      this.cacheSizeWas = null;
    }
    if (this.foreignKeysWere && this.db.pragma('foreign_keys', { simple: true }) !== 1) this.db.pragma('foreign_keys = ON');
  }

  /**
   * Rewrites the snapshot's description (county, as-of date, source) once it is known: a write that
   * starts while the file is still being read begins with what is known then.
   */
  describe(meta: SnapshotMeta): void {
    this.assertOpen();
    this.db.prepare(
      `UPDATE snapshot SET county_code = ?, county_name = ?, as_of = ?, source_name = ?, source_sha256 = ?, events_derived = ?
       WHERE id = ?`,
    ).run(meta.countyCode, meta.countyName, meta.asOf, meta.sourceName, meta.sourceSha256, meta.eventsDerived ? 1 : 0,
      this.snapshotId);
  }

  /**
   * Builds now the set-aside indexes of tables that will get no more rows, so that their sorts
   * overlap with whatever the caller still does (reading the next sheet); COMMIT builds the rest.
   */
  buildIndexes(tables: readonly RowTable[]): void {
    this.assertOpen();
    const now = this.setAside.filter((i) => (tables as readonly string[]).includes(i.table));
    if (now.length === 0) return;
    this.withSorterThreads(() => {
      for (const index of now) {
        this.db.exec(index.sql);
        this.setAside.splice(this.setAside.indexOf(index), 1);
      }
    });
  }

  private withSorterThreads(build: () => void): void {
    // The sorter may hand sorted runs to a helper thread: the second core has little else to do.
    const threadsWere = this.db.pragma('threads', { simple: true }) as number;
    this.db.pragma(`threads = ${SORT_THREADS}`);
    try {
      build();
    } finally {
      this.db.pragma(`threads = ${threadsWere}`);
    }
  }

  private digester(): IdDigester {
    if (!this.ids) throw new Error('写入线程只写已散列的证件号码（addStored…）');
    return this.ids;
  }

  householdId(code: string): number | undefined {
    return this.householdIds.get(code);
  }

  addHousehold(h: HouseholdRow): number {
    const head = this.digester().head(h.headIdNumber);
    return this.insertHousehold(h, head?.hash ?? null, head?.masked ?? null);
  }

  /** A household whose head's ID number was digested already (by the row decoder, rowCodec.ts). */
  addStoredHousehold(h: StoredHouseholdRow): number {
    return this.insertHousehold(h, h.headIdHash, h.headIdMasked);
  }

  private insertHousehold(h: Omit<HouseholdRow, 'headIdNumber'>, headHash: Buffer | null, headMasked: string | null): number {
    this.assertOpen();
    const r = h.risks;
    const info = this.stmt.household.run(withPlain([
      this.snapshotId, h.code, h.county, h.township, h.village, h.areaCode, flag(h.poorVillage),
      this.keepNames ? h.headName : null, headHash, headMasked,
      h.size, h.type, h.attribute, h.standard, h.mainCause, h.otherCauses.length ? h.otherCauses.join('、') : null,
      h.identifiedYear, h.status, h.exitYear, h.returnYear, h.returnCause, flag(h.relocated), h.housing,
      flag(h.safeWater),
      h.monitoringCategory, h.monitoringDate, r[0] ?? null, r[1] ?? null, r[2] ?? null, r[3] ?? null, r[4] ?? null,
      flag(h.riskEliminated), h.eliminationMethod, h.eliminationDate, h.sourceRow,
    ], HOUSEHOLD_PLAIN, h.plainValues));
    const id = Number(info.lastInsertRowid);
    this.householdIds.set(h.code, id);
    this.householdSizes.set(h.code, h.size);
    this.upsertArea('township', null, h.township, h.township, null, null);
    this.upsertArea('village', h.areaCode, h.township, h.village, flag(h.poorVillage), null);
    this.counts.households++;
    return id;
  }

  addPerson(p: PersonRow): void {
    const id = this.digester().member(p.idNumber);
    this.insertPerson(p, id.hash, id.masked, id.kind, id.valid, p.sex ?? id.sex, p.birthDate ?? id.birthDate);
  }

  /** A member whose ID number was digested already (by the row decoder, rowCodec.ts). */
  addStoredPerson(p: StoredPersonRow): void {
    this.insertPerson(p, p.idHash, p.idMasked, p.idKind, p.idValid, p.sex, p.birthDate);
  }

  private insertPerson(p: Omit<PersonRow, 'idNumber'>, hash: Buffer, masked: string, kind: string, valid: boolean | null,
    sex: string | null, birthDate: string | null): void {
    const householdId = this.requireHousehold(p.householdCode);
    this.stmt.person.run(withPlain([
      this.snapshotId, householdId, this.keepNames ? p.name : null, hash, masked, kind, flag(valid), sex, birthDate,
      p.relation, p.ethnicity, p.education, p.schooling, p.health, p.labour, p.workStatus, p.workMonths,
      flag(p.medicalInsurance), flag(p.seriousIllnessInsurance), flag(p.pensionInsurance), flag(p.dibao), flag(p.tekun),
      p.sourceRow,
    ], MEMBER_PLAIN, p.plainValues));
    this.counts.persons++;
  }

  addIncome(i: IncomeRow): void {
    const householdId = this.requireHousehold(i.householdCode);
    const net = netIncomeOf(i);
    this.stmt.income.run(
      this.snapshotId, householdId, i.year, i.size, i.wage, i.business, i.businessCost, i.property, transferOf(i),
      i.familyPlanning, i.dibao, i.tekun, i.pension, i.eco, i.otherTransfer, net, net / i.size, i.sourceRow,
    );
    this.counts.incomeRows++;
  }

  addMeasure(m: MeasureRow): void {
    const householdId = this.requireHousehold(m.householdCode);
    this.stmt.measure.run(withPlain(
      [this.snapshotId, householdId, m.year, m.name, m.measureClass, m.content, m.amount, m.sourceRow],
      MEASURE_PLAIN, m.plainValues,
    ));
    this.counts.measureRows++;
  }

  addEvent(e: EventRow): void {
    const householdId = this.requireHousehold(e.householdCode);
    this.stmt.event.run(withPlain(
      [this.snapshotId, householdId, e.year, e.type, e.reason, e.date, e.derived ? 1 : 0, e.sourceRow],
      EVENT_PLAIN, e.plainValues,
    ));
    this.counts.eventRows++;
  }

  addVillage(v: VillageRow): void {
    this.assertOpen();
    this.upsertArea('township', null, v.township, v.township, null, null);
    this.upsertArea('village', v.areaCode, v.township, v.village, flag(v.poorVillage), v.delistedYear);
    if (v.year !== null) {
      const area = this.stmt.areaId.get(this.snapshotId, 'village', v.township, v.village) as { id: number };
      this.stmt.villageYear.run(this.snapshotId, area.id, v.year, v.collectiveIncome);
    }
  }

  /**
   * Upserting an area with the arguments it was last upserted with changes nothing (the update
   * only coalesces): a county's 300,000 households name a few hundred villages.
   */
  private upsertArea(level: 'township' | 'village', code: string | null, township: string, name: string,
    poorVillage: number | null, delistedYear: number | null): void {
    const key = `${level}\u0000${township}\u0000${name}`;
    const args = `${code ?? '\u0001'}\u0000${poorVillage ?? '\u0001'}\u0000${delistedYear ?? '\u0001'}`;
    if (this.areaArgs.get(key) === args) return;
    this.stmt.area.run(this.snapshotId, level, code, township, name, poorVillage, delistedYear);
    this.areaArgs.set(key, args);
  }

  addIssue(issue: StoredIssue): void {
    this.assertOpen();
    this.stmt.issue.run(this.snapshotId, issue.severity, issue.code, issue.message, issue.file, issue.sheet, issue.row,
      issue.column, issue.value, issue.expected);
  }

  /** Household size recorded in 户信息, the default for an income row without its own. */
  householdSize(code: string): number | undefined {
    return this.householdSizes.get(code);
  }

  commit(warningCount: number): { snapshotId: number; counts: SnapshotCounts } {
    this.assertOpen();
    this.db.prepare(
      `UPDATE snapshot SET households = ?, persons = ?, income_rows = ?, measure_rows = ?, event_rows = ?, warning_count = ?
       WHERE id = ?`,
    ).run(this.counts.households, this.counts.persons, this.counts.incomeRows, this.counts.measureRows,
      this.counts.eventRows, warningCount, this.snapshotId);
    try {
      // Sorted builds over the finished tables, still inside the transaction: readers of the file
      // see the old indexes until COMMIT, and a failure here rolls the whole write back.
      if (this.setAside.length) {
        this.withSorterThreads(() => {
          for (const index of this.setAside) this.db.exec(index.sql);
        });
        this.setAside.length = 0;
      }
      this.db.exec('COMMIT');
    } catch (e) {
      this.open = false;
      try {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } finally {
        this.restoreConnection();
      }
      throw e;
    }
    this.open = false;
    this.restoreConnection();
    return { snapshotId: this.snapshotId, counts: { ...this.counts } };
  }

  rollback(): void {
    if (!this.open) return;
    this.open = false;
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } finally {
      this.restoreConnection();
    }
  }

  private requireHousehold(code: string): number {
    this.assertOpen();
    const id = this.householdIds.get(code);
    if (id === undefined) throw new Error(`户编号 ${code} 不在户信息中`);
    return id;
  }

  private assertOpen(): void {
    if (!this.open) throw new Error('快照写入已结束');
  }
}
