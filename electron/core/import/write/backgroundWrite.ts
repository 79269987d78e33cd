import { Worker } from 'node:worker_threads';
import type { SnapshotMeta, StoredIssue, VillageRow } from '../../db/snapshotRows';
import type { RowTable, SnapshotCounts } from '../../db/snapshotWriter';
import type { EncodedRows } from './rowCodec';
import {
  batchKib, type ChildTable, type EncodedIncome, fromWriterSchema, type FromWriter, type RowsMessage, type ToWriter,
  type WriteThreadData,
} from './writeProtocol';
import { WriteSignals } from './writeSignals';
import { compiledScript } from '../../threads/compiledScript';

const WORKER_FILE = 'writeWorker.js';
/**
 * Batches posted and not yet written before the reading waits for the thread. Since the thread hashes
 * the ID numbers it is the slower side, so the backlog is always full: 24 MiB keeps the bench county's
 * import at its speed (28.7 s) and its peak at 1,463 MB; 128 MiB took it to 1,652 MB for nothing.
 */
const MAX_BACKLOG_KIB = 24 * 1024;
const DRAIN_POLL_MS = 50;

/**
 * KiB the thread must have written before a batch of `kib` may follow `posted`: the backlog stays
 * within MAX_BACKLOG_KIB. A batch larger than the whole window waits for the thread to have
 * written everything before it — never for more than was posted, which would wait for itself
 * (a 140 MiB cell did: the import hung in Atomics.wait).
 */
export function backlogWaitKib(posted: number, kib: number, maxBacklogKib: number = MAX_BACKLOG_KIB): number {
  return Math.min(posted, posted + kib - maxBacklogKib);
}

/** The compiled write thread (tests run the sources and find it in the checkout's dist/). */
export function writeWorkerScript(): string | null {
  return compiledScript(__dirname, WORKER_FILE);
}

/**
 * The main thread's handle on an import's write thread: posts row batches as they are read, and
 * learns how far the thread has got. The thread writes in one transaction on a connection of its
 * own; nothing is visible to other connections until `finish` commits, and `abort` leaves the file
 * as it was.
 */
export class BackgroundWrite {
  private readonly worker: Worker;
  private posted = 0;
  private failure: Error | null = null;
  private exited = false;
  private readonly waiters: (() => void)[] = [];
  private last: FromWriter | null = null;
  private indexing = false;
  private readonly signals = new WriteSignals();

  /**
   * `idSecret`: the database's ID hashing secret, which the import holds already (idSecret.ts); the
   * thread gets a copy in its start data, in this process's memory only, and hashes the ID numbers
   * with it (rowCodec.ts) — the thread itself never asks the secret store.
   */
  private constructor(script: string, idSecret: Buffer) {
    const workerData: WriteThreadData = { signals: this.signals.shared, idSecret: Uint8Array.from(idSecret) };
    this.worker = new Worker(script, { workerData });
    this.worker.on('message', (raw: unknown) => {
      const parsed = fromWriterSchema.safeParse(raw);
      const m: FromWriter = parsed.success ? parsed.data : { type: 'failed', message: '写入线程的回复格式不对' };
      if (m.type === 'failed') this.failure ??= new Error(m.message);
      else if (m.type === 'indexing') this.indexing = true;
      this.last = m;
      this.wake();
    });
    this.worker.on('error', (err) => {
      this.failure ??= err;
      this.wake();
    });
    this.worker.on('exit', () => {
      this.exited = true;
      this.failure ??= new Error('写入线程意外退出');
      this.wake();
    });
  }

  /** Starts a write thread and its transaction; null when the compiled thread is not available. */
  static start(dbPath: string, meta: SnapshotMeta, expectedRows: number, idSecret: Buffer): BackgroundWrite | null {
    const script = writeWorkerScript();
    if (!script) return null;
    let w: BackgroundWrite;
    try {
      w = new BackgroundWrite(script, idSecret);
    } catch {
      // A runtime that cannot start the thread (a packaging without worker support): write inline.
      return null;
    }
    w.post({ type: 'begin', dbPath, meta, expectedRows });
    return w;
  }

  /** The thread's failure, if it failed (nothing it wrote stays). */
  get error(): Error | null {
    return this.failure;
  }

  /** KiB of batches posted and written by the thread so far. */
  get progress(): { readonly posted: number; readonly written: number; readonly indexing: boolean } {
    return { posted: this.posted, written: this.signals.written, indexing: this.indexing };
  }

  households(batch: EncodedRows): void {
    this.postRows({ type: 'rows', table: 'households', batch }, [batch.ints.buffer, batch.numbers.buffer]);
  }

  children(table: ChildTable, batch: EncodedRows): void {
    this.postRows({ type: 'rows', table, batch }, [batch.ints.buffer, batch.numbers.buffer]);
  }

  income(batch: EncodedIncome): void {
    this.postRows({ type: 'income', batch }, [batch.ints.buffer, batch.amounts.buffer]);
  }

  /** No more rows will come for these tables: their indexes can be built now. */
  tablesDone(tables: readonly RowTable[]): void {
    if (!this.failure) this.post({ type: 'tablesDone', tables: [...tables] });
  }

  /** Resolves once the thread has written every row posted so far (or failed); `tick` is called meanwhile. */
  async drained(tick: () => void): Promise<void> {
    while (!this.failure && !this.signals.failed && this.signals.written < this.posted) {
      tick();
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    // The failure's message (with its reason) may still be on its way.
    while (this.signals.failed && !this.failure) await this.next();
  }

  /** Describes the snapshot, writes the last rows, builds the indexes and commits. */
  async finish(meta: SnapshotMeta, villages: readonly VillageRow[], issues: readonly StoredIssue[],
    warningCount: number,
    tick: () => void): Promise<{ snapshotId: number; counts: SnapshotCounts }> {
    this.post({ type: 'finish', meta, villages: [...villages], issues: [...issues], warningCount });
    for (;;) {
      const m = this.last;
      if (m?.type === 'committed') {
        await this.worker.terminate();
        return { snapshotId: m.snapshotId, counts: m.counts };
      }
      if (this.failure) {
        await this.worker.terminate();
        throw this.failure;
      }
      tick();
      await this.next();
    }
  }

  /** Rolls back whatever was written and ends the thread (nothing to do after a commit). */
  async abort(): Promise<void> {
    if (this.last?.type === 'committed') return;
    this.signals.stop();
    if (!this.exited && !this.failure) {
      this.post({ type: 'rollback' });
      while (!this.failure && this.last?.type !== 'rolledBack') await this.next();
    }
    await this.worker.terminate();
  }

  private postRows(m: RowsMessage, transfer: ArrayBuffer[]): void {
    if (this.failure) return;
    const kib = batchKib(m);
    // The reading may not run far ahead of the thread: what lies between is held in memory.
    this.signals.waitForWritten(backlogWaitKib(this.posted, kib));
    this.posted += kib;
    this.worker.postMessage(m, transfer);
  }

  private post(m: ToWriter): void {
    this.worker.postMessage(m);
  }

  private next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
