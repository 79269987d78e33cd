import { openDatabase, type Db } from '../../db/database';
import type { EventRow, MeasureRow, StoredHouseholdRow, StoredPersonRow } from '../../db/snapshotRows';
import { SnapshotWriter } from '../../db/snapshotWriter';
import { IdKeyHasher } from '../../identity/idDigest';
import { INCOME_AMOUNTS } from '../../columns/incomeColumns';
import { emptyIncomeRow, fillIncomeAmounts } from '../incomeStore';
import { EVENT_CODEC, HOUSEHOLD_CODEC, MEASURE_CODEC, PERSON_CODEC, RowDecoder } from './rowCodec';
import { batchKib, type EncodedIncome, type FromWriter, INCOME_INTS, type ToWriter } from './writeProtocol';
import type { WriteSignals } from './writeSignals';

const AMOUNTS = INCOME_AMOUNTS.length;

/**
 * The write thread's side of an import: one connection of its own, one SnapshotWriter, the
 * messages applied in the order they come. Any failure rolls the transaction back and is
 * reported once; later rows are then ignored (the import is failing anyway).
 */
export class WriteSession {
  private db: Db | null = null;
  private writer: SnapshotWriter | null = null;
  private failed = false;
  /** 户编号 by place in 户信息, for the child rows that name their household by place. */
  private readonly codes: string[] = [];
  private readonly households: RowDecoder<StoredHouseholdRow>;
  private readonly persons: RowDecoder<StoredPersonRow>;
  private readonly measures = new RowDecoder<MeasureRow>(MEASURE_CODEC, (p) => this.codeAt(p));
  private readonly incomeRow = emptyIncomeRow();
  private readonly events = new RowDecoder<EventRow>(EVENT_CODEC, (p) => this.codeAt(p));

  /** `idSecret`: the database's ID hashing secret, handed over by the import at the thread's start. */
  constructor(
    private readonly reply: (m: FromWriter) => void,
    private readonly signals: WriteSignals,
    idSecret: Buffer,
  ) {
    // One hasher for both tables: a head's hash is kept for its member row (IdKeyHasher).
    const ids = new IdKeyHasher(idSecret);
    this.households = new RowDecoder<StoredHouseholdRow>(HOUSEHOLD_CODEC, () => '', ids);
    this.persons = new RowDecoder<StoredPersonRow>(PERSON_CODEC, (p) => this.codeAt(p), ids);
  }

  handle(m: ToWriter): void {
    if (this.failed) {
      if (m.type === 'finish' || m.type === 'rollback') this.reply({ type: 'failed', message: '写入已失败' });
      return;
    }
    try {
      this.apply(m);
    } catch (err) {
      this.fail(err);
    }
  }

  /** A message that could not be read: the rows it carried are missing, so the write fails. */
  reject(err: unknown): void {
    if (!this.failed) this.fail(err);
  }

  private apply(m: ToWriter): void {
    switch (m.type) {
      case 'begin': {
        // The caller's file, never a new one: a file moved or deleted meanwhile fails the thread
        // (and the caller writes on its own connection) instead of creating an empty database there.
        this.db = openDatabase(m.dbPath, { mustExist: true });
        // The index builds sort millions of entries: their runs go to a temporary file, not to this
        // process's memory, which the reading thread is filling at the same time.
        this.db.pragma('temp_store = FILE');
        this.writer = SnapshotWriter.begin(this.db, m.meta, { expectedRows: m.expectedRows, preHashed: true });
        this.reply({ type: 'ready', snapshotId: this.writer.snapshotId });
        return;
      }
      case 'rows': {
        // Cancelled: the batches still queued are skipped on the way to the rollback.
        if (this.signals.stopped) return;
        const w = this.open();
        switch (m.table) {
          case 'households':
            this.households.decode(m.batch, (h) => {
              w.addStoredHousehold(h);
              this.codes.push(h.code);
            });
            break;
          case 'persons':
            this.persons.decode(m.batch, (p) => w.addStoredPerson(p));
            break;
          case 'measures':
            this.measures.decode(m.batch, (r) => w.addMeasure(r));
            break;
          case 'events':
            this.events.decode(m.batch, (e) => w.addEvent(e));
            break;
        }
        this.signals.addWritten(batchKib(m));
        return;
      }
      case 'income':
        if (this.signals.stopped) return;
        this.writeIncome(m.batch);
        this.signals.addWritten(batchKib(m));
        return;
      case 'tablesDone':
        this.open().buildIndexes(m.tables);
        return;
      case 'finish': {
        const w = this.open();
        w.describe(m.meta);
        for (const v of m.villages) w.addVillage(v);
        for (const issue of m.issues) w.addIssue(issue);
        this.reply({ type: 'indexing' });
        const result = w.commit(m.warningCount);
        this.close();
        this.reply({ type: 'committed', snapshotId: result.snapshotId, counts: result.counts });
        return;
      }
      case 'rollback':
        this.writer?.rollback();
        this.close();
        this.reply({ type: 'rolledBack' });
        return;
    }
  }

  private writeIncome(batch: EncodedIncome): void {
    const w = this.open();
    const { ints, amounts } = batch;
    // One row refilled for every income row: the writer reads it and keeps nothing of it.
    const row = this.incomeRow;
    for (let i = 0; i < batch.count; i++) {
      const code = this.codeAt(ints[i * INCOME_INTS] as number);
      row.householdCode = code;
      row.year = ints[i * INCOME_INTS + 1] as number;
      row.size = (ints[i * INCOME_INTS + 2] as number) || (w.householdSize(code) ?? 1);
      fillIncomeAmounts(row, (k) => amounts[i * AMOUNTS + k] as number);
      row.sourceRow = ints[i * INCOME_INTS + 3] as number;
      w.addIncome(row);
    }
  }

  private codeAt(place: number): string {
    const code = this.codes[place];
    if (code === undefined) throw new Error(`写入线程：第 ${place + 1} 户尚未写入`);
    return code;
  }

  private open(): SnapshotWriter {
    if (!this.writer) throw new Error('写入线程：快照写入尚未开始');
    return this.writer;
  }

  private fail(err: unknown): void {
    this.failed = true;
    this.signals.fail();
    try {
      this.writer?.rollback();
    } finally {
      this.close();
      this.reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private close(): void {
    this.writer = null;
    if (this.db?.open) this.db.close();
    this.db = null;
  }
}
